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
   844.0,
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
     "hint": "morph target: Return renders the sweep toward it (empty: no morph)",
     "id": "obj-10",
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
      652.0,
      2.0,
      150.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      570.0,
      2.0,
      150.0,
      22.0
     ],
     "text": "",
     "varname": "morph_to"
    }
   },
   {
    "box": {
     "id": "obj-11",
     "maxclass": "dial",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "float"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      810.0,
      0.0,
      26.0,
      26.0
     ],
     "presentation": 1,
     "presentation_rect": [
      726.0,
      0.0,
      26.0,
      26.0
     ],
     "varname": "position"
    }
   },
   {
    "box": {
     "id": "obj-12",
     "maxclass": "toggle",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "int"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      844.0,
      2.0,
      22.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      758.0,
      2.0,
      22.0,
      22.0
     ],
     "varname": "learn"
    }
   },
   {
    "box": {
     "id": "obj-13",
     "maxclass": "number",
     "maximum": 127,
     "minimum": -1,
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      874.0,
      2.0,
      40.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      784.0,
      2.0,
      40.0,
      22.0
     ],
     "varname": "cc"
    }
   },
   {
    "box": {
     "id": "obj-14",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      570.0,
      30.0,
      250.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      570.0,
      30.0,
      250.0,
      20.0
     ],
     "text": "morph to \u00b7 position \u00b7 learn \u00b7 CC"
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
      922.0,
      2.0,
      91.0,
      22.0
     ],
     "text": "loadmess -1"
    }
   },
   {
    "box": {
     "comment": "trigger, evolve, stop, panic, bar, host <name>, port <n>",
     "id": "obj-16",
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
     "id": "obj-17",
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
     "id": "obj-18",
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
      63.0,
      22.0
     ],
     "text": "host $1"
    }
   },
   {
    "box": {
     "id": "obj-20",
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
     "id": "obj-84",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      560.0,
      240.0,
      150.0,
      22.0
     ],
     "text": "audioldm.client #3"
    }
   },
   {
    "box": {
     "id": "obj-144",
     "maxclass": "newobj",
     "numinlets": 3,
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
       704.0,
       672.0
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
         "id": "obj-21",
         "maxclass": "newobj",
         "numinlets": 6,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          500.0,
          200.0,
          22.0
         ],
         "text": "pack s 1 120. 4/4 live 0"
        }
       },
       {
        "box": {
         "id": "obj-22",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          540.0,
          500.0,
          22.0
         ],
         "text": "generate prompt $1 bars $2 bpm $3 time_sig $4 priority $5 seed $6 loop 1"
        }
       },
       {
        "box": {
         "id": "obj-23",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          528.0,
          520.0,
          49.0,
          22.0
         ],
         "text": "t l l"
        }
       },
       {
        "box": {
         "id": "obj-24",
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
          380.0,
          120.0,
          22.0
         ],
         "text": "t b b b b"
        }
       },
       {
        "box": {
         "id": "obj-25",
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
          410.0,
          120.0,
          22.0
         ],
         "text": "transport"
        }
       },
       {
        "box": {
         "id": "obj-26",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          440.0,
          168.0,
          22.0
         ],
         "text": "sprintf symout %ld/%ld"
        }
       },
       {
        "box": {
         "id": "obj-27",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          170.0,
          470.0,
          112.0,
          22.0
         ],
         "text": "random 1000000"
        }
       },
       {
        "box": {
         "id": "obj-28",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          440.0,
          56.0,
          22.0
         ],
         "text": "zl reg"
        }
       },
       {
        "box": {
         "id": "obj-29",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          470.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-30",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          400.0,
          140.0,
          84.0,
          22.0
         ],
         "text": "route text"
        }
       },
       {
        "box": {
         "id": "obj-31",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          400.0,
          170.0,
          84.0,
          22.0
         ],
         "text": "route bang"
        }
       },
       {
        "box": {
         "id": "obj-32",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          470.0,
          200.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-33",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          470.0,
          230.0,
          49.0,
          22.0
         ],
         "text": "t b s"
        }
       },
       {
        "box": {
         "id": "obj-34",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          470.0,
          270.0,
          42.0,
          22.0
         ],
         "text": "live"
        }
       },
       {
        "box": {
         "id": "obj-35",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          470.0,
          300.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-36",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          580.0,
          270.0,
          84.0,
          22.0
         ],
         "text": "background"
        }
       },
       {
        "box": {
         "id": "obj-37",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          580.0,
          300.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-152",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          644.0,
          60.0
         ],
         "text": "Render: a new prompt renders at once with live priority; evolve re-renders in the background lane. Priority first, then the transport's tempo and signature, bars, a fresh seed, and the prompt last (hot)."
        }
       },
       {
        "box": {
         "comment": "generate \u2026",
         "id": "obj-160",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          602.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bars: bang",
         "id": "obj-161",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          86.66666666666667,
          602.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a render's values: prompt bars bpm time_sig priority seed",
         "id": "obj-162",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          528.0,
          602.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bars",
         "id": "obj-180",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          56.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the prompt (Return)",
         "id": "obj-181",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          400.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "evolve",
         "id": "obj-182",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          580.0,
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
          "obj-25",
          0
         ],
         "source": [
          "obj-24",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-21",
          2
         ],
         "source": [
          "obj-25",
          4
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
          5
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-21",
          3
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
          "obj-161",
          0
         ],
         "source": [
          "obj-24",
          2
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
          "obj-180",
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
          "obj-24",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-21",
          5
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
          "obj-24",
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
          "obj-28",
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
          "obj-29",
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
          "obj-21",
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
          "obj-23",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-160",
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
          "obj-30",
          0
         ],
         "source": [
          "obj-181",
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
          "obj-30",
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
          1
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
          "obj-32",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-28",
          1
         ],
         "source": [
          "obj-33",
          1
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
          "obj-33",
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
          "obj-35",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-21",
          4
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
          "obj-24",
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
          "obj-37",
          0
         ],
         "source": [
          "obj-182",
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
          "obj-37",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-21",
          4
         ],
         "source": [
          "obj-36",
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
          "obj-37",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-162",
          0
         ],
         "source": [
          "obj-23",
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
     "id": "obj-145",
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
         "id": "obj-38",
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
         "id": "obj-39",
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
         "id": "obj-40",
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
         "id": "obj-41",
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
         "id": "obj-42",
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
         "id": "obj-43",
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
         "id": "obj-153",
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
         "id": "obj-163",
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
         "id": "obj-164",
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
         "id": "obj-183",
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
          "obj-38",
          0
         ],
         "source": [
          "obj-183",
          0
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
          "obj-40",
          0
         ],
         "source": [
          "obj-38",
          1
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
          "obj-38",
          3
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
          "obj-38",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-163",
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
          "obj-163",
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
          "obj-163",
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
          "obj-163",
          0
         ],
         "source": [
          "obj-42",
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
          "obj-38",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-164",
          0
         ],
         "source": [
          "obj-43",
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
     "id": "obj-146",
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
         "id": "obj-44",
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
         "id": "obj-45",
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
         "id": "obj-46",
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
         "id": "obj-47",
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
         "id": "obj-48",
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
         "id": "obj-49",
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
         "id": "obj-50",
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
         "id": "obj-51",
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
         "id": "obj-52",
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
         "id": "obj-53",
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
         "id": "obj-54",
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
         "id": "obj-55",
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
         "id": "obj-56",
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
         "id": "obj-57",
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
         "id": "obj-154",
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
         "id": "obj-165",
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
         "id": "obj-166",
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
         "id": "obj-167",
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
         "id": "obj-184",
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
          "obj-44",
          0
         ],
         "source": [
          "obj-184",
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
          "obj-44",
          1
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
          "obj-45",
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
          "obj-46",
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
          "obj-44",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-48",
          1
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
          "obj-49",
          0
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
          "obj-50",
          0
         ],
         "source": [
          "obj-48",
          1
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
          "obj-49",
          1
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
          "obj-50",
          1
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
          "obj-51",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-45",
          1
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
          "obj-53",
          0
         ],
         "source": [
          "obj-51",
          1
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
          "obj-52",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-45",
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
          "obj-54",
          0
         ],
         "source": [
          "obj-52",
          1
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
          "obj-51",
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
          "obj-52",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-167",
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
          "obj-165",
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
          "obj-165",
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
          "obj-166",
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
          "obj-166",
          0
         ],
         "source": [
          "obj-52",
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
     "id": "obj-147",
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
         "id": "obj-58",
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
         "id": "obj-59",
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
         "id": "obj-60",
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
         "id": "obj-61",
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
         "id": "obj-62",
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
         "id": "obj-63",
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
         "id": "obj-64",
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
         "id": "obj-65",
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
         "id": "obj-66",
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
         "id": "obj-67",
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
         "id": "obj-68",
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
         "id": "obj-69",
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
         "id": "obj-70",
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
         "id": "obj-71",
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
         "id": "obj-72",
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
         "id": "obj-73",
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
         "id": "obj-74",
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
         "id": "obj-75",
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
         "id": "obj-76",
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
         "id": "obj-77",
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
         "id": "obj-78",
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
         "id": "obj-79",
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
         "id": "obj-80",
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
         "id": "obj-81",
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
         "id": "obj-82",
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
         "id": "obj-83",
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
         "id": "obj-155",
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
         "comment": "cancel, host <name>, port <n>, cancel",
         "id": "obj-168",
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
         "comment": "set <the new take's buffer~>, set <the point's buffer~>",
         "id": "obj-185",
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
         "comment": "a new take is ready, a point is ready",
         "id": "obj-186",
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
         "id": "obj-187",
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
         "id": "obj-188",
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
         "id": "obj-189",
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
         "id": "obj-190",
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
          "obj-58",
          1
         ],
         "source": [
          "obj-185",
          0
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
          "obj-186",
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
          "obj-59",
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
          "obj-188",
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
          "obj-187",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-60",
          1
         ],
         "source": [
          "obj-63",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-61",
          1
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
          "obj-64",
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
          "obj-65",
          0
         ],
         "source": [
          "obj-64",
          2
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
          "obj-65",
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
          "obj-64",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-66",
          1
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
          "obj-67",
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
          "obj-68",
          0
         ],
         "source": [
          "obj-67",
          3
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
          "obj-67",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-66",
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
          "obj-70",
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
          "obj-71",
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
          "obj-71",
          0
         ],
         "source": [
          "obj-70",
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
          "obj-73",
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
          "obj-72",
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
          "obj-67",
          1
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
          "obj-75",
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
          "obj-71",
          0
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
          "obj-76",
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
          "obj-76",
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
          "obj-189",
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
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-66",
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
          "obj-61",
          0
         ],
         "source": [
          "obj-80",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-81",
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
          "obj-74",
          0
         ],
         "source": [
          "obj-81",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-82",
          0
         ],
         "source": [
          "obj-190",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-83",
          0
         ],
         "source": [
          "obj-82",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-168",
          0
         ],
         "source": [
          "obj-83",
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
          "obj-82",
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
   },
   {
    "box": {
     "id": "obj-148",
     "maxclass": "newobj",
     "numinlets": 2,
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
       620.0,
       512.0
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
         "id": "obj-85",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          20.0,
          180.0,
          49.0,
          22.0
         ],
         "text": "t b l"
        }
       },
       {
        "box": {
         "id": "obj-86",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          300.0,
          56.0,
          22.0
         ],
         "text": "zl reg"
        }
       },
       {
        "box": {
         "id": "obj-87",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          120.0,
          210.0,
          84.0,
          22.0
         ],
         "text": "route text"
        }
       },
       {
        "box": {
         "id": "obj-88",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          120.0,
          240.0,
          84.0,
          22.0
         ],
         "text": "route bang"
        }
       },
       {
        "box": {
         "id": "obj-89",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          240.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-90",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "",
          "bang"
         ],
         "patching_rect": [
          220.0,
          270.0,
          63.0,
          22.0
         ],
         "text": "t b s b"
        }
       },
       {
        "box": {
         "id": "obj-91",
         "maxclass": "newobj",
         "numinlets": 7,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          340.0,
          200.0,
          22.0
         ],
         "text": "pack s 1 120. 4/4 live 0 s"
        }
       },
       {
        "box": {
         "id": "obj-92",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          380.0,
          560.0,
          22.0
         ],
         "text": "generate prompt $1 bars $2 bpm $3 time_sig $4 priority background seed $6 loop 1 sweep 5 morph_to $7"
        }
       },
       {
        "box": {
         "id": "obj-93",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          300.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-156",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          560.0,
          100.0
         ],
         "text": "The sweep: after each render of the slot (its values, its seed) and on Return in the morph target, a background request for 5 points from the prompt (amount 0) to the target (amount 1). An empty target renders nothing. A new target or render makes the old points stale: the dial stops choosing until the new ones are loaded."
        }
       },
       {
        "box": {
         "comment": "bang: the morph target",
         "id": "obj-169",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          442.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "generate \u2026 sweep \u2026 morph_to \u2026",
         "id": "obj-170",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          442.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "0: the points are stale",
         "id": "obj-171",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          320.0,
          442.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a render's values: prompt bars bpm time_sig priority seed",
         "id": "obj-191",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          120.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the morph target (Return)",
         "id": "obj-192",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          120.0,
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
          "obj-85",
          0
         ],
         "source": [
          "obj-191",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-86",
          1
         ],
         "source": [
          "obj-85",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-169",
          0
         ],
         "source": [
          "obj-85",
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
          "obj-192",
          0
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
          "obj-87",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-93",
          0
         ],
         "source": [
          "obj-88",
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
          "obj-88",
          1
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
          "obj-89",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-93",
          0
         ],
         "source": [
          "obj-90",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-91",
          6
         ],
         "source": [
          "obj-90",
          1
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
          "obj-90",
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
          "obj-86",
          0
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
          "obj-91",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-170",
          0
         ],
         "source": [
          "obj-92",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-171",
          0
         ],
         "source": [
          "obj-93",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      560.0,
      180.0,
      63.0,
      22.0
     ],
     "text": "p sweep"
    }
   },
   {
    "box": {
     "id": "obj-149",
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
       672.0,
       682.0
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
         "id": "obj-94",
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
          140.0,
          330.0,
          22.0
         ],
         "text": "route accepted progress done error cancelled"
        }
       },
       {
        "box": {
         "id": "obj-95",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          170.0,
          126.0,
          22.0
         ],
         "text": "set morph queued"
        }
       },
       {
        "box": {
         "id": "obj-96",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          154.0,
          170.0,
          140.0,
          22.0
         ],
         "text": "set morph $2 of $3"
        }
       },
       {
        "box": {
         "id": "obj-97",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          302.0,
          170.0,
          175.0,
          22.0
         ],
         "text": "prepend set morph error"
        }
       },
       {
        "box": {
         "id": "obj-98",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          485.0,
          170.0,
          147.0,
          22.0
         ],
         "text": "set morph cancelled"
        }
       },
       {
        "box": {
         "id": "obj-99",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          "bang"
         ],
         "patching_rect": [
          20.0,
          200.0,
          49.0,
          22.0
         ],
         "text": "t l b"
        }
       },
       {
        "box": {
         "id": "obj-100",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          100.0,
          230.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-101",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 5,
         "outlettype": [
          "",
          "",
          "",
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          260.0,
          200.0,
          22.0
         ],
         "text": "t l l l l l"
        }
       },
       {
        "box": {
         "id": "obj-102",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          400.0,
          40.0,
          22.0
         ],
         "text": "i 0"
        }
       },
       {
        "box": {
         "id": "obj-103",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          430.0,
          40.0,
          22.0
         ],
         "text": "+ 1"
        }
       },
       {
        "box": {
         "id": "obj-104",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          20.0,
          460.0,
          49.0,
          22.0
         ],
         "text": "t i i"
        }
       },
       {
        "box": {
         "id": "obj-105",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          20.0,
          490.0,
          49.0,
          22.0
         ],
         "text": "sel 5"
        }
       },
       {
        "box": {
         "id": "obj-106",
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
          520.0,
          63.0,
          22.0
         ],
         "text": "t b b b"
        }
       },
       {
        "box": {
         "id": "obj-107",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          550.0,
          189.0,
          22.0
         ],
         "text": "set morph ready: 5 points"
        }
       },
       {
        "box": {
         "id": "obj-108",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          160.0,
          550.0,
          56.0,
          22.0
         ],
         "text": "set -1"
        }
       },
       {
        "box": {
         "id": "obj-109",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          100.0,
          550.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-110",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          300.0,
          70.0,
          22.0
         ],
         "text": "zl mth 1"
        }
       },
       {
        "box": {
         "id": "obj-111",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          330.0,
          84.0,
          22.0
         ],
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-112",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          20.0,
          360.0,
          85.0,
          22.0
         ],
         "text": "buffer~ #0-m1"
        }
       },
       {
        "box": {
         "id": "obj-113",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          110.0,
          300.0,
          70.0,
          22.0
         ],
         "text": "zl mth 2"
        }
       },
       {
        "box": {
         "id": "obj-114",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          110.0,
          330.0,
          84.0,
          22.0
         ],
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-115",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          110.0,
          360.0,
          85.0,
          22.0
         ],
         "text": "buffer~ #0-m2"
        }
       },
       {
        "box": {
         "id": "obj-116",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          200.0,
          300.0,
          70.0,
          22.0
         ],
         "text": "zl mth 3"
        }
       },
       {
        "box": {
         "id": "obj-117",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          200.0,
          330.0,
          84.0,
          22.0
         ],
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-118",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          200.0,
          360.0,
          85.0,
          22.0
         ],
         "text": "buffer~ #0-m3"
        }
       },
       {
        "box": {
         "id": "obj-119",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          290.0,
          300.0,
          70.0,
          22.0
         ],
         "text": "zl mth 4"
        }
       },
       {
        "box": {
         "id": "obj-120",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          290.0,
          330.0,
          84.0,
          22.0
         ],
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-121",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          290.0,
          360.0,
          85.0,
          22.0
         ],
         "text": "buffer~ #0-m4"
        }
       },
       {
        "box": {
         "id": "obj-122",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          380.0,
          300.0,
          70.0,
          22.0
         ],
         "text": "zl mth 5"
        }
       },
       {
        "box": {
         "id": "obj-123",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          380.0,
          330.0,
          84.0,
          22.0
         ],
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-124",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          380.0,
          360.0,
          85.0,
          22.0
         ],
         "text": "buffer~ #0-m5"
        }
       },
       {
        "box": {
         "id": "obj-157",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          567.0,
          60.0
         ],
         "text": "The sweep's events \u2192 the slot's state; its 5 files (in order, amount 0 first) load into buffer~ #0-m1 \u2026 m5; when all are loaded the dial chooses again (from its next move: a sweep arriving swaps nothing in by itself)."
        }
       },
       {
        "box": {
         "comment": "set <state>",
         "id": "obj-172",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          612.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "to gate",
         "id": "obj-173",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          100.0,
          612.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "to change -1",
         "id": "obj-174",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          160.0,
          612.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the sweep client's events",
         "id": "obj-193",
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
          "obj-110",
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
          "obj-111",
          0
         ],
         "source": [
          "obj-110",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-112",
          0
         ],
         "source": [
          "obj-111",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-113",
          0
         ],
         "source": [
          "obj-101",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-114",
          0
         ],
         "source": [
          "obj-113",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-115",
          0
         ],
         "source": [
          "obj-114",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-116",
          0
         ],
         "source": [
          "obj-101",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-117",
          0
         ],
         "source": [
          "obj-116",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-118",
          0
         ],
         "source": [
          "obj-117",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-119",
          0
         ],
         "source": [
          "obj-101",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-120",
          0
         ],
         "source": [
          "obj-119",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-121",
          0
         ],
         "source": [
          "obj-120",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-122",
          0
         ],
         "source": [
          "obj-101",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-123",
          0
         ],
         "source": [
          "obj-122",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-124",
          0
         ],
         "source": [
          "obj-123",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-94",
          0
         ],
         "source": [
          "obj-193",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-95",
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
          "obj-96",
          0
         ],
         "source": [
          "obj-94",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-97",
          0
         ],
         "source": [
          "obj-94",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-98",
          0
         ],
         "source": [
          "obj-94",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-172",
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
          "obj-172",
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
          "obj-172",
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
          "obj-172",
          0
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
          "obj-172",
          0
         ],
         "source": [
          "obj-107",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-99",
          0
         ],
         "source": [
          "obj-94",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-100",
          0
         ],
         "source": [
          "obj-99",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-102",
          1
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
          "obj-101",
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
          "obj-102",
          0
         ],
         "source": [
          "obj-112",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-102",
          0
         ],
         "source": [
          "obj-115",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-102",
          0
         ],
         "source": [
          "obj-118",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-102",
          0
         ],
         "source": [
          "obj-121",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-102",
          0
         ],
         "source": [
          "obj-124",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-103",
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
          "obj-104",
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
          "obj-102",
          1
         ],
         "source": [
          "obj-104",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-105",
          0
         ],
         "source": [
          "obj-104",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-106",
          0
         ],
         "source": [
          "obj-105",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-107",
          0
         ],
         "source": [
          "obj-106",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-108",
          0
         ],
         "source": [
          "obj-106",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-174",
          0
         ],
         "source": [
          "obj-108",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-109",
          0
         ],
         "source": [
          "obj-106",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-173",
          0
         ],
         "source": [
          "obj-109",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      560.0,
      280.0,
      70.0,
      22.0
     ],
     "text": "p points"
    }
   },
   {
    "box": {
     "id": "obj-150",
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
       460.0,
       522.0
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
         "id": "obj-125",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          160.0,
          40.0,
          22.0
         ],
         "text": "* 4"
        }
       },
       {
        "box": {
         "id": "obj-126",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          190.0,
          42.0,
          22.0
         ],
         "text": "+ 63"
        }
       },
       {
        "box": {
         "id": "obj-127",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          220.0,
          49.0,
          22.0
         ],
         "text": "/ 127"
        }
       },
       {
        "box": {
         "id": "obj-128",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          250.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-129",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "",
          "int",
          "int"
         ],
         "patching_rect": [
          20.0,
          280.0,
          77.0,
          22.0
         ],
         "text": "change -1"
        }
       },
       {
        "box": {
         "id": "obj-130",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 6,
         "outlettype": [
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          ""
         ],
         "patching_rect": [
          20.0,
          310.0,
          200.0,
          22.0
         ],
         "text": "sel 0 1 2 3 4"
        }
       },
       {
        "box": {
         "id": "obj-131",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          20.0,
          390.0,
          49.0,
          22.0
         ],
         "text": "t b l"
        }
       },
       {
        "box": {
         "id": "obj-132",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          350.0,
          77.0,
          22.0
         ],
         "text": "set #0-m1"
        }
       },
       {
        "box": {
         "id": "obj-133",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          100.0,
          350.0,
          77.0,
          22.0
         ],
         "text": "set #0-m2"
        }
       },
       {
        "box": {
         "id": "obj-134",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          180.0,
          350.0,
          77.0,
          22.0
         ],
         "text": "set #0-m3"
        }
       },
       {
        "box": {
         "id": "obj-135",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          260.0,
          350.0,
          77.0,
          22.0
         ],
         "text": "set #0-m4"
        }
       },
       {
        "box": {
         "id": "obj-136",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          340.0,
          350.0,
          77.0,
          22.0
         ],
         "text": "set #0-m5"
        }
       },
       {
        "box": {
         "id": "obj-158",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          400.0,
          80.0
         ],
         "text": "The dial (0..127) \u2192 the nearest of the 5 points, (v\u00b74 + 63) / 127 in whole numbers; a new point (only a change) becomes the slot's pending take and swaps in at the next bar, as a new take does. Closed while no points are loaded."
        }
       },
       {
        "box": {
         "comment": "a point is ready",
         "id": "obj-175",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          452.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <the point's buffer~>",
         "id": "obj-176",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          452.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the dial",
         "id": "obj-194",
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
         "comment": "0: the points are stale",
         "id": "obj-195",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          58.0,
          100.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "from set -1",
         "id": "obj-196",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          96.0,
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
          "obj-132",
          0
         ],
         "source": [
          "obj-130",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-131",
          0
         ],
         "source": [
          "obj-132",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-133",
          0
         ],
         "source": [
          "obj-130",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-131",
          0
         ],
         "source": [
          "obj-133",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-134",
          0
         ],
         "source": [
          "obj-130",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-131",
          0
         ],
         "source": [
          "obj-134",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-135",
          0
         ],
         "source": [
          "obj-130",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-131",
          0
         ],
         "source": [
          "obj-135",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-136",
          0
         ],
         "source": [
          "obj-130",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-131",
          0
         ],
         "source": [
          "obj-136",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-125",
          0
         ],
         "source": [
          "obj-194",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-126",
          0
         ],
         "source": [
          "obj-125",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-127",
          0
         ],
         "source": [
          "obj-126",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-128",
          1
         ],
         "source": [
          "obj-127",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-129",
          0
         ],
         "source": [
          "obj-128",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-130",
          0
         ],
         "source": [
          "obj-129",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-176",
          0
         ],
         "source": [
          "obj-131",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-175",
          0
         ],
         "source": [
          "obj-131",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-128",
          0
         ],
         "source": [
          "obj-195",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-129",
          0
         ],
         "source": [
          "obj-196",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      700.0,
      180.0,
      84.0,
      22.0
     ],
     "text": "p position"
    }
   },
   {
    "box": {
     "id": "obj-151",
     "maxclass": "newobj",
     "numinlets": 2,
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
       460.0,
       472.0
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
         "id": "obj-137",
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
          180.0,
          60.0,
          22.0
         ],
         "text": "ctlin"
        }
       },
       {
        "box": {
         "id": "obj-138",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          20.0,
          220.0,
          49.0,
          22.0
         ],
         "text": "t i i"
        }
       },
       {
        "box": {
         "id": "obj-139",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          250.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-140",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "int"
         ],
         "patching_rect": [
          120.0,
          280.0,
          49.0,
          22.0
         ],
         "text": "t b i"
        }
       },
       {
        "box": {
         "id": "obj-141",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          310.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-142",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          280.0,
          49.0,
          22.0
         ],
         "text": "== -1"
        }
       },
       {
        "box": {
         "id": "obj-143",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          340.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-159",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          400.0,
          100.0
         ],
         "text": "MIDI CC: [ctlin] takes every controller on every channel (channel, controller, value: right to left). While learn is on, the next controller moved becomes the slot's CC (shown; learn turns off). The value of the slot's CC (0..127) moves the dial."
        }
       },
       {
        "box": {
         "comment": "the CC's value",
         "id": "obj-177",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          402.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "0: learnt",
         "id": "obj-178",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          120.0,
          402.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the learnt CC",
         "id": "obj-179",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          158.0,
          402.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the slot's CC",
         "id": "obj-197",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          49.0,
          120.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "learn on/off",
         "id": "obj-198",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          120.0,
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
          "obj-138",
          0
         ],
         "source": [
          "obj-137",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-139",
          1
         ],
         "source": [
          "obj-138",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-139",
          0
         ],
         "source": [
          "obj-198",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-140",
          0
         ],
         "source": [
          "obj-139",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-179",
          0
         ],
         "source": [
          "obj-140",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-141",
          0
         ],
         "source": [
          "obj-140",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-178",
          0
         ],
         "source": [
          "obj-141",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-142",
          1
         ],
         "source": [
          "obj-197",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-142",
          0
         ],
         "source": [
          "obj-138",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-143",
          0
         ],
         "source": [
          "obj-142",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-143",
          1
         ],
         "source": [
          "obj-137",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-177",
          0
         ],
         "source": [
          "obj-143",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      840.0,
      180.0,
      63.0,
      22.0
     ],
     "text": "p learn"
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
      "obj-13",
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
      "obj-17",
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
      "obj-19",
      0
     ],
     "source": [
      "obj-17",
      5
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
      6
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
      "obj-19",
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
      "obj-20",
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
      "obj-144",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-144",
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
      "obj-18",
      0
     ],
     "source": [
      "obj-144",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-144",
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
      "obj-144",
      2
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
      "obj-144",
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
      "obj-145",
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
      "obj-7",
      0
     ],
     "source": [
      "obj-145",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-146",
      0
     ],
     "source": [
      "obj-145",
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
      "obj-146",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-147",
      0
     ],
     "source": [
      "obj-146",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-147",
      1
     ],
     "source": [
      "obj-146",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-147",
      3
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
      "obj-147",
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
      "obj-147",
      2
     ],
     "source": [
      "obj-17",
      4
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-147",
      4
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
      "obj-147",
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
      "obj-147",
      5
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
      "obj-18",
      0
     ],
     "source": [
      "obj-147",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-84",
      0
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
      "obj-84",
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
      "obj-84",
      0
     ],
     "source": [
      "obj-147",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-148",
      0
     ],
     "source": [
      "obj-144",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-10",
      0
     ],
     "source": [
      "obj-148",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-148",
      1
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
      "obj-84",
      0
     ],
     "source": [
      "obj-148",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-149",
      0
     ],
     "source": [
      "obj-84",
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
      "obj-149",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-150",
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
      "obj-147",
      0
     ],
     "source": [
      "obj-150",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-147",
      1
     ],
     "source": [
      "obj-150",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-150",
      1
     ],
     "source": [
      "obj-148",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-150",
      2
     ],
     "source": [
      "obj-149",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-150",
      1
     ],
     "source": [
      "obj-149",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-151",
      1
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
      "obj-13",
      0
     ],
     "source": [
      "obj-151",
      2
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
      "obj-151",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-151",
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
      "obj-11",
      0
     ],
     "source": [
      "obj-151",
      0
     ]
    }
   }
  ]
 }
}
