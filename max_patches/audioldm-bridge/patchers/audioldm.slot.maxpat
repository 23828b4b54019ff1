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
   580.0,
   72.0
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
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      0.0,
      2.0,
      60.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      0.0,
      2.0,
      60.0,
      22.0
     ],
     "text": "slot #1",
     "varname": "name"
    }
   },
   {
    "box": {
     "hint": "the slot's prompt: Return renders it",
     "id": "obj-2",
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
      64.0,
      2.0,
      300.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      64.0,
      2.0,
      300.0,
      22.0
     ],
     "text": "",
     "varname": "prompt"
    }
   },
   {
    "box": {
     "id": "obj-3",
     "maxclass": "number",
     "minimum": 1,
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      370.0,
      2.0,
      40.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      370.0,
      2.0,
      40.0,
      22.0
     ],
     "varname": "bars"
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
      415.0,
      2.0,
      22.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      415.0,
      2.0,
      22.0,
      22.0
     ],
     "varname": "play"
    }
   },
   {
    "box": {
     "id": "obj-5",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      440.0,
      2.0,
      22.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      440.0,
      2.0,
      22.0,
      22.0
     ],
     "varname": "evolve"
    }
   },
   {
    "box": {
     "id": "obj-6",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      465.0,
      2.0,
      22.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      465.0,
      2.0,
      22.0,
      22.0
     ],
     "varname": "stop"
    }
   },
   {
    "box": {
     "id": "obj-7",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      64.0,
      30.0,
      300.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      64.0,
      30.0,
      300.0,
      22.0
     ],
     "text": "empty",
     "varname": "status"
    }
   },
   {
    "box": {
     "id": "obj-8",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      370.0,
      30.0,
      190.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      370.0,
      30.0,
      190.0,
      20.0
     ],
     "text": "bars \u00b7 play \u00b7 evolve \u00b7 stop"
    }
   },
   {
    "box": {
     "id": "obj-9",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      560.0,
      2.0,
      84.0,
      22.0
     ],
     "text": "loadmess 1"
    }
   },
   {
    "box": {
     "comment": "trigger, evolve, stop, panic, bar, host <name>, port <n>",
     "id": "obj-10",
     "maxclass": "inlet",
     "numinlets": 0,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      0.0,
      80.0,
      30.0,
      30.0
     ]
    }
   },
   {
    "box": {
     "id": "obj-11",
     "maxclass": "newobj",
     "numinlets": 8,
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
     "patching_rect": [
      0.0,
      120.0,
      300.0,
      22.0
     ],
     "text": "route trigger evolve stop panic bar host port"
    }
   },
   {
    "box": {
     "id": "obj-12",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      0.0,
      240.0,
      150.0,
      22.0
     ],
     "text": "audioldm.client #2"
    }
   },
   {
    "box": {
     "id": "obj-13",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      160.0,
      200.0,
      63.0,
      22.0
     ],
     "text": "host $1"
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
      230.0,
      200.0,
      63.0,
      22.0
     ],
     "text": "port $1"
    }
   },
   {
    "box": {
     "id": "obj-77",
     "maxclass": "newobj",
     "numinlets": 3,
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
       704.0,
       692.0
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
         "id": "obj-15",
         "maxclass": "newobj",
         "numinlets": 6,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          520.0,
          200.0,
          22.0
         ],
         "text": "pack s 1 120. 4/4 live 0"
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
          20.0,
          560.0,
          560.0,
          22.0
         ],
         "text": "generate prompt $1 bars $2 bpm $3 time_sig $4 priority $5 seed $6 loop 1 tempo_lock auto"
        }
       },
       {
        "box": {
         "id": "obj-17",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 4,
         "outlettype": [
          "bang",
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          20.0,
          400.0,
          120.0,
          22.0
         ],
         "text": "t b b b b"
        }
       },
       {
        "box": {
         "id": "obj-18",
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
          170.0,
          430.0,
          120.0,
          22.0
         ],
         "text": "transport"
        }
       },
       {
        "box": {
         "id": "obj-19",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          460.0,
          168.0,
          22.0
         ],
         "text": "sprintf symout %ld/%ld"
        }
       },
       {
        "box": {
         "id": "obj-20",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          170.0,
          490.0,
          112.0,
          22.0
         ],
         "text": "random 1000000"
        }
       },
       {
        "box": {
         "id": "obj-21",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          460.0,
          56.0,
          22.0
         ],
         "text": "zl reg"
        }
       },
       {
        "box": {
         "id": "obj-22",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          490.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-23",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          400.0,
          160.0,
          84.0,
          22.0
         ],
         "text": "route text"
        }
       },
       {
        "box": {
         "id": "obj-24",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          400.0,
          190.0,
          84.0,
          22.0
         ],
         "text": "route bang"
        }
       },
       {
        "box": {
         "id": "obj-25",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          470.0,
          220.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-26",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          470.0,
          250.0,
          49.0,
          22.0
         ],
         "text": "t b s"
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
          470.0,
          290.0,
          42.0,
          22.0
         ],
         "text": "live"
        }
       },
       {
        "box": {
         "id": "obj-28",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          470.0,
          320.0,
          49.0,
          22.0
         ],
         "text": "t b b"
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
          580.0,
          290.0,
          84.0,
          22.0
         ],
         "text": "background"
        }
       },
       {
        "box": {
         "id": "obj-30",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          580.0,
          320.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-81",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          644.0,
          80.0
         ],
         "text": "Render: a new prompt renders at once with live priority; evolve re-renders in the background lane. Priority first, then the transport's tempo and signature, bars, a fresh seed, and the prompt last (hot). tempo_lock auto: a loop with a clear beat is warped onto the transport's grid, a beatless texture left unwarped (it is exactly the bars long anyway)."
        }
       },
       {
        "box": {
         "comment": "generate \u2026",
         "id": "obj-85",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          622.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bars: bang",
         "id": "obj-86",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          86.66666666666667,
          622.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bars",
         "id": "obj-93",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          56.0,
          100.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the prompt (Return)",
         "id": "obj-94",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          400.0,
          100.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "evolve",
         "id": "obj-95",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          580.0,
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
          "obj-18",
          0
         ],
         "source": [
          "obj-17",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-15",
          2
         ],
         "source": [
          "obj-18",
          4
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
          5
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-15",
          3
         ],
         "source": [
          "obj-19",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-86",
          0
         ],
         "source": [
          "obj-17",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-15",
          1
         ],
         "source": [
          "obj-93",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-20",
          0
         ],
         "source": [
          "obj-17",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-15",
          5
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
          "obj-21",
          0
         ],
         "source": [
          "obj-17",
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
          "obj-15",
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
          "obj-16",
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
          "obj-85",
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
          "obj-23",
          0
         ],
         "source": [
          "obj-94",
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
          "obj-23",
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
          "obj-24",
          1
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
          "obj-25",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-21",
          1
         ],
         "source": [
          "obj-26",
          1
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
          "obj-28",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-15",
          4
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
          "obj-17",
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
          "obj-30",
          0
         ],
         "source": [
          "obj-95",
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
          "obj-30",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-15",
          4
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
          "obj-17",
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
      0.0,
      180.0,
      77.0,
      22.0
     ],
     "text": "p request"
    }
   },
   {
    "box": {
     "id": "obj-78",
     "maxclass": "newobj",
     "numinlets": 1,
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
       545.0,
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
         "id": "obj-31",
         "maxclass": "newobj",
         "numinlets": 6,
         "numoutlets": 6,
         "outlettype": [
          "",
          "",
          "",
          "",
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          120.0,
          330.0,
          22.0
         ],
         "text": "route accepted progress done error cancelled"
        }
       },
       {
        "box": {
         "id": "obj-32",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          150.0,
          84.0,
          22.0
         ],
         "text": "set queued"
        }
       },
       {
        "box": {
         "id": "obj-33",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          150.0,
          168.0,
          22.0
         ],
         "text": "set rendering $2 of $3"
        }
       },
       {
        "box": {
         "id": "obj-34",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          270.0,
          180.0,
          133.0,
          22.0
         ],
         "text": "prepend set error"
        }
       },
       {
        "box": {
         "id": "obj-35",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          400.0,
          150.0,
          105.0,
          22.0
         ],
         "text": "set cancelled"
        }
       },
       {
        "box": {
         "id": "obj-36",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          210.0,
          70.0,
          22.0
         ],
         "text": "zl mth 1"
        }
       },
       {
        "box": {
         "id": "obj-82",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          485.0,
          40.0
         ],
         "text": "The client's events \u2192 the slot's state; a finished take's first file goes to the takes."
        }
       },
       {
        "box": {
         "comment": "set <state>",
         "id": "obj-87",
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
         "comment": "a finished take's file",
         "id": "obj-88",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          272.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the client's events",
         "id": "obj-96",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          60.0,
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
          "obj-31",
          0
         ],
         "source": [
          "obj-96",
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
          "obj-31",
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
          "obj-31",
          1
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
          "obj-31",
          3
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
          "obj-31",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-87",
          0
         ],
         "source": [
          "obj-32",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-87",
          0
         ],
         "source": [
          "obj-33",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-87",
          0
         ],
         "source": [
          "obj-34",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-87",
          0
         ],
         "source": [
          "obj-35",
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
          "obj-31",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-88",
          0
         ],
         "source": [
          "obj-36",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      0.0,
      280.0,
      77.0,
      22.0
     ],
     "text": "p replies"
    }
   },
   {
    "box": {
     "id": "obj-79",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 3,
     "outlettype": [
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
       497.0,
       492.0
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
         "id": "obj-37",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          "bang"
         ],
         "patching_rect": [
          20.0,
          140.0,
          49.0,
          22.0
         ],
         "text": "t s b"
        }
       },
       {
        "box": {
         "id": "obj-38",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          140.0,
          170.0,
          40.0,
          22.0
         ],
         "text": "i 0"
        }
       },
       {
        "box": {
         "id": "obj-39",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          140.0,
          200.0,
          40.0,
          22.0
         ],
         "text": "+ 1"
        }
       },
       {
        "box": {
         "id": "obj-40",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          200.0,
          84.0,
          22.0
         ],
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-41",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          240.0,
          70.0,
          22.0
         ],
         "text": "gate 2 1"
        }
       },
       {
        "box": {
         "id": "obj-42",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          20.0,
          280.0,
          120.0,
          22.0
         ],
         "text": "buffer~ #0-a"
        }
       },
       {
        "box": {
         "id": "obj-43",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          160.0,
          280.0,
          120.0,
          22.0
         ],
         "text": "buffer~ #0-b"
        }
       },
       {
        "box": {
         "id": "obj-44",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          20.0,
          320.0,
          63.0,
          22.0
         ],
         "text": "t b b b"
        }
       },
       {
        "box": {
         "id": "obj-45",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          160.0,
          320.0,
          63.0,
          22.0
         ],
         "text": "t b b b"
        }
       },
       {
        "box": {
         "id": "obj-46",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          360.0,
          70.0,
          22.0
         ],
         "text": "set #0-a"
        }
       },
       {
        "box": {
         "id": "obj-47",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          160.0,
          360.0,
          70.0,
          22.0
         ],
         "text": "set #0-b"
        }
       },
       {
        "box": {
         "id": "obj-48",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          98.0,
          350.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-49",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          238.0,
          350.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-50",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          380.0,
          360.0,
          77.0,
          22.0
         ],
         "text": "set ready"
        }
       },
       {
        "box": {
         "id": "obj-83",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          437.0,
          60.0
         ],
         "text": "Two buffers: a finished take loads into the idle one (a while b plays, and back); once loaded, it waits for the next bar to swap in."
        }
       },
       {
        "box": {
         "comment": "set <the new take's buffer~>",
         "id": "obj-89",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          422.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a new take is ready",
         "id": "obj-90",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          422.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set ready",
         "id": "obj-91",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          380.0,
          422.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a finished take's file",
         "id": "obj-97",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          80.0,
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
          "obj-37",
          0
         ],
         "source": [
          "obj-97",
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
          "obj-37",
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
          "obj-38",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-41",
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
          "obj-40",
          0
         ],
         "source": [
          "obj-37",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-41",
          1
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
          "obj-42",
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
          "obj-43",
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
          "obj-44",
          0
         ],
         "source": [
          "obj-42",
          1
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
          "obj-43",
          1
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
          "obj-44",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-38",
          1
         ],
         "source": [
          "obj-48",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-46",
          0
         ],
         "source": [
          "obj-44",
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
          "obj-45",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-38",
          1
         ],
         "source": [
          "obj-49",
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
          "obj-45",
          1
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
          "obj-44",
          0
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
          "obj-45",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-91",
          0
         ],
         "source": [
          "obj-50",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-89",
          0
         ],
         "source": [
          "obj-46",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-89",
          0
         ],
         "source": [
          "obj-47",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-90",
          0
         ],
         "source": [
          "obj-44",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-90",
          0
         ],
         "source": [
          "obj-45",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      200.0,
      320.0,
      63.0,
      22.0
     ],
     "text": "p takes"
    }
   },
   {
    "box": {
     "id": "obj-80",
     "maxclass": "newobj",
     "numinlets": 6,
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
       876.0,
       692.0
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
         "id": "obj-51",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          240.0,
          56.0,
          22.0
         ],
         "text": "zl reg"
        }
       },
       {
        "box": {
         "id": "obj-52",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          200.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-53",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          270.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-54",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          440.0,
          270.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-55",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          440.0,
          240.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-56",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          380.0,
          310.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-57",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          300.0,
          350.0,
          63.0,
          22.0
         ],
         "text": "t b b b"
        }
       },
       {
        "box": {
         "id": "obj-58",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          400.0,
          380.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-59",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          410.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-60",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 4,
         "outlettype": [
          "bang",
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          440.0,
          350.0,
          77.0,
          22.0
         ],
         "text": "t b b b b"
        }
       },
       {
        "box": {
         "id": "obj-61",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          540.0,
          380.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-62",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          490.0,
          410.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-63",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          440.0,
          450.0,
          77.0,
          22.0
         ],
         "text": "startloop"
        }
       },
       {
        "box": {
         "id": "obj-64",
         "maxclass": "newobj",
         "numinlets": 3,
         "numoutlets": 2,
         "outlettype": [
          "signal",
          "signal"
         ],
         "patching_rect": [
          300.0,
          490.0,
          120.0,
          22.0
         ],
         "text": "groove~ #0-a"
        }
       },
       {
        "box": {
         "id": "obj-65",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          470.0,
          490.0,
          154.0,
          22.0
         ],
         "text": "loop 1, loopinterp 1"
        }
       },
       {
        "box": {
         "id": "obj-66",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          "bang"
         ],
         "patching_rect": [
          525.0,
          460.0,
          70.0,
          22.0
         ],
         "text": "loadbang"
        }
       },
       {
        "box": {
         "id": "obj-67",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          "signal"
         ],
         "patching_rect": [
          300.0,
          460.0,
          63.0,
          22.0
         ],
         "text": "sig~ 0."
        }
       },
       {
        "box": {
         "id": "obj-68",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          580.0,
          410.0,
          40.0,
          22.0
         ],
         "text": "1."
        }
       },
       {
        "box": {
         "id": "obj-69",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "signal"
         ],
         "patching_rect": [
          300.0,
          530.0,
          56.0,
          22.0
         ],
         "text": "*~ 0.5"
        }
       },
       {
        "box": {
         "id": "obj-70",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 0,
         "patching_rect": [
          300.0,
          560.0,
          42.0,
          22.0
         ],
         "text": "dac~"
        }
       },
       {
        "box": {
         "id": "obj-71",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          640.0,
          310.0,
          63.0,
          22.0
         ],
         "text": "t b b b"
        }
       },
       {
        "box": {
         "id": "obj-72",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          640.0,
          350.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-73",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          680.0,
          350.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-74",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          720.0,
          410.0,
          40.0,
          22.0
         ],
         "text": "0."
        }
       },
       {
        "box": {
         "id": "obj-75",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          720.0,
          270.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-76",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          780.0,
          310.0,
          56.0,
          22.0
         ],
         "text": "cancel"
        }
       },
       {
        "box": {
         "id": "obj-84",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          816.0,
          120.0
         ],
         "text": "Bar-quantized launch: trigger (or play) arms, the next bar starts the loop; a new take swaps in at a bar. Silent until its note: groove~ plays at the speed of the [sig~] in its left inlet \u2014 0 until a start, back to 0 on stop \u2014 and \"loop 1\" (which \"goes to the beginning of the loop and begins playing at the current speed\") only sets it looping at speed 0. stop: playback stops now and stays stopped; the take is kept, a trigger starts it again. panic also cancels the render \u2014 the client sends cancel only while its job runs, so a finished take or an empty slot sends nothing and keeps its state."
        }
       },
       {
        "box": {
         "comment": "cancel",
         "id": "obj-92",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          780.0,
          622.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <the new take's buffer~>",
         "id": "obj-98",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          56.0,
          140.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a new take is ready",
         "id": "obj-99",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          140.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bar",
         "id": "obj-100",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          380.0,
          140.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "trigger",
         "id": "obj-101",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          440.0,
          140.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "stop",
         "id": "obj-102",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          640.0,
          140.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "panic",
         "id": "obj-103",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          720.0,
          140.0,
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
          "obj-51",
          1
         ],
         "source": [
          "obj-98",
          0
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
          "obj-99",
          0
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
          "obj-52",
          0
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
          "obj-101",
          0
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
          "obj-55",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-56",
          0
         ],
         "source": [
          "obj-100",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-53",
          1
         ],
         "source": [
          "obj-56",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-54",
          1
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
          "obj-57",
          0
         ],
         "source": [
          "obj-53",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-58",
          0
         ],
         "source": [
          "obj-57",
          2
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
          "obj-58",
          0
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
          "obj-57",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-59",
          1
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
          "obj-60",
          0
         ],
         "source": [
          "obj-54",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-61",
          0
         ],
         "source": [
          "obj-60",
          3
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
          "obj-61",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-62",
          0
         ],
         "source": [
          "obj-60",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-59",
          0
         ],
         "source": [
          "obj-62",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-63",
          0
         ],
         "source": [
          "obj-60",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-63",
          0
         ],
         "source": [
          "obj-59",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-64",
          0
         ],
         "source": [
          "obj-51",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-64",
          0
         ],
         "source": [
          "obj-63",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-65",
          0
         ],
         "source": [
          "obj-66",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-64",
          0
         ],
         "source": [
          "obj-65",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-64",
          0
         ],
         "source": [
          "obj-67",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-68",
          0
         ],
         "source": [
          "obj-60",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-67",
          0
         ],
         "source": [
          "obj-68",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-69",
          0
         ],
         "source": [
          "obj-64",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-70",
          0
         ],
         "source": [
          "obj-69",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-70",
          1
         ],
         "source": [
          "obj-69",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-71",
          0
         ],
         "source": [
          "obj-102",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-72",
          0
         ],
         "source": [
          "obj-71",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-59",
          0
         ],
         "source": [
          "obj-72",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-73",
          0
         ],
         "source": [
          "obj-71",
          1
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
          "obj-73",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-74",
          0
         ],
         "source": [
          "obj-71",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-67",
          0
         ],
         "source": [
          "obj-74",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-75",
          0
         ],
         "source": [
          "obj-103",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-76",
          0
         ],
         "source": [
          "obj-75",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-92",
          0
         ],
         "source": [
          "obj-76",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-71",
          0
         ],
         "source": [
          "obj-75",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      0.0,
      360.0,
      120.0,
      22.0
     ],
     "text": "p player"
    }
   }
  ],
  "lines": [
   {
    "patchline": {
     "destination": [
      "obj-3",
      0
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
      "obj-11",
      0
     ],
     "source": [
      "obj-10",
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
      "obj-11",
      5
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
      "obj-11",
      6
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
      "obj-13",
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
      "obj-14",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-3",
      0
     ],
     "source": [
      "obj-77",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-77",
      0
     ],
     "source": [
      "obj-3",
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
      "obj-77",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-77",
      1
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
      "obj-77",
      2
     ],
     "source": [
      "obj-11",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-77",
      2
     ],
     "source": [
      "obj-5",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-78",
      0
     ],
     "source": [
      "obj-12",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-7",
      0
     ],
     "source": [
      "obj-78",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-79",
      0
     ],
     "source": [
      "obj-78",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-7",
      0
     ],
     "source": [
      "obj-79",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-80",
      0
     ],
     "source": [
      "obj-79",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-80",
      1
     ],
     "source": [
      "obj-79",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-80",
      3
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
      "obj-80",
      3
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
      "obj-80",
      2
     ],
     "source": [
      "obj-11",
      4
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-80",
      4
     ],
     "source": [
      "obj-11",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-80",
      4
     ],
     "source": [
      "obj-6",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-80",
      5
     ],
     "source": [
      "obj-11",
      3
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
      "obj-80",
      0
     ]
    }
   }
  ]
 }
}
