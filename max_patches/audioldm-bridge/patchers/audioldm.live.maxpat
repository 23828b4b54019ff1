{
 "patcher": {
  "fileversion": 1,
  "appversion": {
   "major": 8,
   "minor": 6,
   "revision": 0,
   "architecture": "x64",
   "modernui": 1
  },
  "classnamespace": "box",
  "rect": [
   60.0,
   80.0,
   900.0,
   660.0
  ],
  "bglocked": 0,
  "openinpresentation": 1,
  "default_fontsize": 12.0,
  "default_fontface": 0,
  "default_fontname": "Arial",
  "gridonopen": 1,
  "gridsize": [
   15.0,
   15.0
  ],
  "gridsnaponopen": 1,
  "objectsnaponopen": 1,
  "statusbarvisible": 2,
  "toolbarvisible": 1,
  "boxanimatetime": 200,
  "enablehscroll": 1,
  "enablevscroll": 1,
  "description": "",
  "digest": "",
  "tags": "",
  "style": "",
  "subpatcher_template": "",
  "assistshowspatchername": 0,
  "boxes": [
   {
    "box": {
     "id": "obj-1",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      10.0,
      860.0,
      50.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      10.0,
      860.0,
      50.0
     ],
     "text": "audioldm.live \u2014 8 prompt slots. Type a prompt and press Return: the slot renders at once (live priority). A click on a slot's play button or a MIDI note starts it at the next bar line of the transport, in its time signature; evolve renders a new take with a new seed in the background lane and swaps it in at a bar. MIDI: notes 60\u201367 (C3\u2013G3) \u2192 slots 1\u20138, any channel."
    }
   },
   {
    "box": {
     "id": "obj-2",
     "maxclass": "toggle",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "int"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      20.0,
      90.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      90.0,
      24.0,
      24.0
     ],
     "varname": "transport"
    }
   },
   {
    "box": {
     "id": "obj-3",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      70.0,
      80.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      70.0,
      80.0,
      20.0
     ],
     "text": "transport"
    }
   },
   {
    "box": {
     "id": "obj-4",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      120.0,
      90.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      120.0,
      90.0,
      24.0,
      24.0
     ],
     "varname": "panic"
    }
   },
   {
    "box": {
     "id": "obj-5",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      120.0,
      70.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      120.0,
      70.0,
      60.0,
      20.0
     ],
     "text": "panic"
    }
   },
   {
    "box": {
     "id": "obj-6",
     "maxclass": "ezdac~",
     "numinlets": 2,
     "numoutlets": 0,
     "patching_rect": [
      200.0,
      75.0,
      45.0,
      45.0
     ],
     "presentation": 1,
     "presentation_rect": [
      200.0,
      75.0,
      45.0,
      45.0
     ]
    }
   },
   {
    "box": {
     "id": "obj-7",
     "keymode": 1,
     "lines": 1,
     "maxclass": "textedit",
     "numinlets": 1,
     "numoutlets": 4,
     "outlettype": [
      "",
      "int",
      "",
      ""
     ],
     "patching_rect": [
      20.0,
      160.0,
      110.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      300.0,
      90.0,
      110.0,
      22.0
     ],
     "text": "127.0.0.1",
     "varname": "host"
    }
   },
   {
    "box": {
     "id": "obj-8",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      140.0,
      90.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      300.0,
      70.0,
      90.0,
      20.0
     ],
     "text": "engine host"
    }
   },
   {
    "box": {
     "id": "obj-9",
     "maxclass": "number",
     "maximum": 65535,
     "minimum": 1,
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      140.0,
      160.0,
      60.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      420.0,
      90.0,
      60.0,
      22.0
     ],
     "varname": "port"
    }
   },
   {
    "box": {
     "id": "obj-10",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      140.0,
      140.0,
      50.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      420.0,
      70.0,
      50.0,
      20.0
     ],
     "text": "port"
    }
   },
   {
    "box": {
     "id": "obj-16",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      198.0,
      130.0,
      49.0,
      22.0
     ],
     "text": "panic"
    }
   },
   {
    "box": {
     "args": [
      1,
      7411,
      7511
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-31",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      270.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      150.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "args": [
      2,
      7412,
      7512
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-32",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      332.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      212.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "args": [
      3,
      7413,
      7513
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-33",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      394.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      274.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "args": [
      4,
      7414,
      7514
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-34",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      456.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      336.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "args": [
      5,
      7415,
      7515
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-35",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      518.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      398.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "args": [
      6,
      7416,
      7516
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-36",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      580.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      460.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "args": [
      7,
      7417,
      7517
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-37",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      642.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      522.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "args": [
      8,
      7418,
      7518
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-38",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.slot.maxpat",
     "numinlets": 1,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      300.0,
      704.0,
      830.0,
      56.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      584.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "id": "obj-39",
     "maxclass": "newobj",
     "numinlets": 2,
     "numoutlets": 2,
     "outlettype": [
      "",
      ""
     ],
     "patcher": {
      "fileversion": 1,
      "appversion": {
       "major": 8,
       "minor": 6,
       "revision": 0,
       "architecture": "x64",
       "modernui": 1
      },
      "classnamespace": "box",
      "rect": [
       100.0,
       100.0,
       460.0,
       342.0
      ],
      "bglocked": 0,
      "openinpresentation": 0,
      "default_fontsize": 12.0,
      "default_fontface": 0,
      "default_fontname": "Arial",
      "gridonopen": 1,
      "gridsize": [
       15.0,
       15.0
      ],
      "gridsnaponopen": 1,
      "objectsnaponopen": 1,
      "statusbarvisible": 2,
      "toolbarvisible": 1,
      "boxanimatetime": 200,
      "enablehscroll": 1,
      "enablevscroll": 1,
      "description": "",
      "digest": "",
      "tags": "",
      "style": "",
      "subpatcher_template": "",
      "assistshowspatchername": 0,
      "boxes": [
       {
        "box": {
         "id": "obj-11",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          160.0,
          84.0,
          22.0
         ],
         "text": "route text"
        }
       },
       {
        "box": {
         "id": "obj-12",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          185.0,
          84.0,
          22.0
         ],
         "text": "route bang"
        }
       },
       {
        "box": {
         "id": "obj-13",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          210.0,
          98.0,
          22.0
         ],
         "text": "prepend host"
        }
       },
       {
        "box": {
         "id": "obj-14",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          140.0,
          210.0,
          63.0,
          22.0
         ],
         "text": "port $1"
        }
       },
       {
        "box": {
         "id": "obj-15",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          160.0,
          140.0,
          22.0
         ],
         "text": "loadmess set 18000"
        }
       },
       {
        "box": {
         "id": "obj-42",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          400.0,
          80.0
         ],
         "text": "The engine's address: host <name> when Return is pressed in the host box (an empty box sends nothing), port <n> when the port changes; the port box shows the client's default."
        }
       },
       {
        "box": {
         "comment": "host <name>, port <n>",
         "id": "obj-45",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          272.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set 18000",
         "id": "obj-46",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          220.0,
          272.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the host box (Return)",
         "id": "obj-56",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          100.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the port box",
         "id": "obj-57",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          140.0,
          100.0,
          30.0,
          30.0
         ]
        }
       }
      ],
      "lines": [
       {
        "patchline": {
         "destination": [
          "obj-46",
          0
         ],
         "source": [
          "obj-15",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-11",
          0
         ],
         "source": [
          "obj-56",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-12",
          0
         ],
         "source": [
          "obj-11",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-13",
          0
         ],
         "source": [
          "obj-12",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-14",
          0
         ],
         "source": [
          "obj-57",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-45",
          0
         ],
         "source": [
          "obj-13",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-45",
          0
         ],
         "source": [
          "obj-14",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      20.0,
      230.0,
      77.0,
      22.0
     ],
     "text": "p address"
    }
   },
   {
    "box": {
     "id": "obj-40",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patcher": {
      "fileversion": 1,
      "appversion": {
       "major": 8,
       "minor": 6,
       "revision": 0,
       "architecture": "x64",
       "modernui": 1
      },
      "classnamespace": "box",
      "rect": [
       100.0,
       100.0,
       460.0,
       332.0
      ],
      "bglocked": 0,
      "openinpresentation": 0,
      "default_fontsize": 12.0,
      "default_fontface": 0,
      "default_fontname": "Arial",
      "gridonopen": 1,
      "gridsize": [
       15.0,
       15.0
      ],
      "gridsnaponopen": 1,
      "objectsnaponopen": 1,
      "statusbarvisible": 2,
      "toolbarvisible": 1,
      "boxanimatetime": 200,
      "enablehscroll": 1,
      "enablevscroll": 1,
      "description": "",
      "digest": "",
      "tags": "",
      "style": "",
      "subpatcher_template": "",
      "assistshowspatchername": 0,
      "boxes": [
       {
        "box": {
         "id": "obj-17",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 9,
         "outlettype": [
          "int",
          "int",
          "float",
          "float",
          "float",
          "",
          "int",
          "float",
          ""
         ],
         "patching_rect": [
          20.0,
          160.0,
          120.0,
          22.0
         ],
         "text": "transport"
        }
       },
       {
        "box": {
         "id": "obj-18",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "bang"
         ],
         "patching_rect": [
          160.0,
          160.0,
          240.0,
          22.0
         ],
         "text": "metro @interval 1.0.0 @quantize 1.0.0"
        }
       },
       {
        "box": {
         "id": "obj-19",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          160.0,
          200.0,
          40.0,
          22.0
         ],
         "text": "bar"
        }
       },
       {
        "box": {
         "id": "obj-43",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          400.0,
          80.0
         ],
         "text": "The bar clock: one bar of the transport's time signature, on the bar lines ([metro @interval 1.0.0 @quantize 1.0.0]: 1920 ticks in 4/4, 1440 in 3/4), while the transport runs."
        }
       },
       {
        "box": {
         "comment": "bar",
         "id": "obj-47",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          160.0,
          262.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "transport on/off",
         "id": "obj-58",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          100.0,
          30.0,
          30.0
         ]
        }
       }
      ],
      "lines": [
       {
        "patchline": {
         "destination": [
          "obj-17",
          0
         ],
         "source": [
          "obj-58",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-18",
          0
         ],
         "source": [
          "obj-58",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-19",
          0
         ],
         "source": [
          "obj-18",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-47",
          0
         ],
         "source": [
          "obj-19",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      20.0,
      270.0,
      63.0,
      22.0
     ],
     "text": "p clock"
    }
   },
   {
    "box": {
     "id": "obj-41",
     "maxclass": "newobj",
     "numinlets": 0,
     "numoutlets": 8,
     "outlettype": [
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      ""
     ],
     "patcher": {
      "fileversion": 1,
      "appversion": {
       "major": 8,
       "minor": 6,
       "revision": 0,
       "architecture": "x64",
       "modernui": 1
      },
      "classnamespace": "box",
      "rect": [
       100.0,
       100.0,
       610.0,
       352.0
      ],
      "bglocked": 0,
      "openinpresentation": 0,
      "default_fontsize": 12.0,
      "default_fontface": 0,
      "default_fontname": "Arial",
      "gridonopen": 1,
      "gridsize": [
       15.0,
       15.0
      ],
      "gridsnaponopen": 1,
      "objectsnaponopen": 1,
      "statusbarvisible": 2,
      "toolbarvisible": 1,
      "boxanimatetime": 200,
      "enablehscroll": 1,
      "enablevscroll": 1,
      "description": "",
      "digest": "",
      "tags": "",
      "style": "",
      "subpatcher_template": "",
      "assistshowspatchername": 0,
      "boxes": [
       {
        "box": {
         "id": "obj-20",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "int",
          "int",
          "int"
         ],
         "patching_rect": [
          20.0,
          120.0,
          80.0,
          22.0
         ],
         "text": "notein"
        }
       },
       {
        "box": {
         "id": "obj-21",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          20.0,
          150.0,
          80.0,
          22.0
         ],
         "text": "stripnote"
        }
       },
       {
        "box": {
         "id": "obj-22",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 9,
         "outlettype": [
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          ""
         ],
         "patching_rect": [
          20.0,
          180.0,
          300.0,
          22.0
         ],
         "text": "sel 60 61 62 63 64 65 66 67"
        }
       },
       {
        "box": {
         "id": "obj-23",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-24",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          90.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-25",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          160.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-26",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          230.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-27",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-28",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          370.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-29",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          440.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-30",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          510.0,
          220.0,
          60.0,
          22.0
         ],
         "text": "trigger"
        }
       },
       {
        "box": {
         "id": "obj-44",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          550.0,
          40.0
         ],
         "text": "MIDI notes 60\u201367 (C3\u2013G3), any channel: a note-on triggers its slot (out of the outlet of the same number)."
        }
       },
       {
        "box": {
         "comment": "trigger slot 1",
         "id": "obj-48",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          282.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger slot 2",
         "id": "obj-49",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          90.0,
          282.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger slot 3",
         "id": "obj-50",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          160.0,
          282.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger slot 4",
         "id": "obj-51",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          230.0,
          282.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger slot 5",
         "id": "obj-52",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          300.0,
          282.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger slot 6",
         "id": "obj-53",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          370.0,
          282.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger slot 7",
         "id": "obj-54",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          440.0,
          282.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger slot 8",
         "id": "obj-55",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          510.0,
          282.0,
          30.0,
          30.0
         ]
        }
       }
      ],
      "lines": [
       {
        "patchline": {
         "destination": [
          "obj-21",
          1
         ],
         "source": [
          "obj-20",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-21",
          0
         ],
         "source": [
          "obj-20",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-22",
          0
         ],
         "source": [
          "obj-21",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-23",
          0
         ],
         "source": [
          "obj-22",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-48",
          0
         ],
         "source": [
          "obj-23",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-24",
          0
         ],
         "source": [
          "obj-22",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-49",
          0
         ],
         "source": [
          "obj-24",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-25",
          0
         ],
         "source": [
          "obj-22",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-50",
          0
         ],
         "source": [
          "obj-25",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-26",
          0
         ],
         "source": [
          "obj-22",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-51",
          0
         ],
         "source": [
          "obj-26",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-27",
          0
         ],
         "source": [
          "obj-22",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-52",
          0
         ],
         "source": [
          "obj-27",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-28",
          0
         ],
         "source": [
          "obj-22",
          5
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-53",
          0
         ],
         "source": [
          "obj-28",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-29",
          0
         ],
         "source": [
          "obj-22",
          6
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-54",
          0
         ],
         "source": [
          "obj-29",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-30",
          0
         ],
         "source": [
          "obj-22",
          7
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-55",
          0
         ],
         "source": [
          "obj-30",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      20.0,
      310.0,
      160.0,
      22.0
     ],
     "text": "p notes"
    }
   }
  ],
  "lines": [
   {
    "patchline": {
     "destination": [
      "obj-9",
      0
     ],
     "source": [
      "obj-39",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-39",
      0
     ],
     "source": [
      "obj-7",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-39",
      1
     ],
     "source": [
      "obj-9",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-16",
      0
     ],
     "source": [
      "obj-4",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-40",
      0
     ],
     "source": [
      "obj-2",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-31",
      0
     ],
     "source": [
      "obj-41",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-31",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-31",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-31",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-32",
      0
     ],
     "source": [
      "obj-41",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-32",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-32",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-32",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-33",
      0
     ],
     "source": [
      "obj-41",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-33",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-33",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-33",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-34",
      0
     ],
     "source": [
      "obj-41",
      3
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-34",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-34",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-34",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-35",
      0
     ],
     "source": [
      "obj-41",
      4
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-35",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-35",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-35",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-36",
      0
     ],
     "source": [
      "obj-41",
      5
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-36",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-36",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-36",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-37",
      0
     ],
     "source": [
      "obj-41",
      6
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-37",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-37",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-37",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-38",
      0
     ],
     "source": [
      "obj-41",
      7
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-38",
      0
     ],
     "source": [
      "obj-40",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-38",
      0
     ],
     "source": [
      "obj-16",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-38",
      0
     ],
     "source": [
      "obj-39",
      0
     ]
    }
   }
  ]
 }
}
