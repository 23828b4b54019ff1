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
   680.0,
   90.0
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
      640.0,
      60.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      10.0,
      640.0,
      60.0
     ],
     "text": "audioldm.client \u2014 every OSC message to and from the engine goes through here. Arguments: the UDP port this client listens on (sent as reply_port with every request), the engine's host and port (defaults 18001 127.0.0.1 18000). It has no controls: its help shows how to use it, the patching view (the toolbar's presentation button) its wiring."
    }
   },
   {
    "box": {
     "comment": "generate <field value\u2026>, cancel, ping, status, history <field value\u2026>, host <name>, port <n>, reply_port <n>",
     "id": "obj-2",
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
   },
   {
    "box": {
     "id": "obj-3",
     "maxclass": "newobj",
     "numinlets": 9,
     "numoutlets": 9,
     "outlettype": [
      "",
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
      20.0,
      120.0,
      440.0,
      22.0
     ],
     "text": "route generate cancel ping status host port reply_port history"
    }
   },
   {
    "box": {
     "id": "obj-4",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      ""
     ],
     "patching_rect": [
      440.0,
      80.0,
      220.0,
      22.0
     ],
     "text": "patcherargs 18001 127.0.0.1 18000"
    }
   },
   {
    "box": {
     "id": "obj-5",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      260.0,
      175.0,
      22.0
     ],
     "text": "udpsend 127.0.0.1 18000"
    }
   },
   {
    "box": {
     "id": "obj-6",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      320.0,
      105.0,
      22.0
     ],
     "text": "udpreceive #1"
    }
   },
   {
    "box": {
     "comment": "events of this client's current job, engine ready/absent",
     "id": "obj-7",
     "maxclass": "outlet",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      440.0,
      30.0,
      30.0
     ]
    }
   },
   {
    "box": {
     "id": "obj-78",
     "maxclass": "newobj",
     "numinlets": 4,
     "numoutlets": 5,
     "outlettype": [
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
       523.0,
       432.0
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
         "id": "obj-8",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          120.0,
          140.0,
          49.0,
          22.0
         ],
         "text": "t b l"
        }
       },
       {
        "box": {
         "id": "obj-9",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "int",
          "",
          "int"
         ],
         "patching_rect": [
          160.0,
          170.0,
          98.0,
          22.0
         ],
         "text": "unpack 0 s 0"
        }
       },
       {
        "box": {
         "id": "obj-10",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          260.0,
          300.0,
          63.0,
          22.0
         ],
         "text": "host $1"
        }
       },
       {
        "box": {
         "id": "obj-11",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          340.0,
          300.0,
          63.0,
          22.0
         ],
         "text": "port $1"
        }
       },
       {
        "box": {
         "id": "obj-12",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          120.0,
          210.0,
          49.0,
          22.0
         ],
         "text": "t i i"
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
          420.0,
          300.0,
          63.0,
          22.0
         ],
         "text": "port $1"
        }
       },
       {
        "box": {
         "id": "obj-14",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          120.0,
          300.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-15",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          20.0,
          190.0,
          49.0,
          22.0
         ],
         "text": "t b l"
        }
       },
       {
        "box": {
         "id": "obj-16",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          80.0,
          240.0,
          49.0,
          22.0
         ],
         "text": "t b l"
        }
       },
       {
        "box": {
         "id": "obj-17",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "int"
         ],
         "patching_rect": [
          140.0,
          270.0,
          49.0,
          22.0
         ],
         "text": "t b i"
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
          463.0,
          60.0
         ],
         "text": "The arguments, then host/port/reply_port messages: where requests go (udpsend), where replies come in (udpreceive), the reply port every request names; after each, a ping."
        }
       },
       {
        "box": {
         "comment": "ping: on load, after host/port/reply_port",
         "id": "obj-88",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the reply port",
         "id": "obj-89",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          120.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "loaded: a new session",
         "id": "obj-90",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          158.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "host <name>, port <n>: the engine's address",
         "id": "obj-91",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          260.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "port <n>: where replies come in",
         "id": "obj-92",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          420.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "host <name>",
         "id": "obj-105",
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
       },
       {
        "box": {
         "comment": "port <n>",
         "id": "obj-106",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          80.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the arguments: reply port, host, port",
         "id": "obj-107",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "reply_port <n>",
         "id": "obj-108",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          158.0,
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
          "obj-8",
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
          "obj-9",
          0
         ],
         "source": [
          "obj-8",
          1
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
          "obj-9",
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
          "obj-9",
          1
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
          "obj-9",
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
          "obj-10",
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
          "obj-92",
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
          "obj-15",
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
          "obj-10",
          0
         ],
         "source": [
          "obj-15",
          1
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
          "obj-106",
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
          "obj-16",
          1
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
          "obj-108",
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
          "obj-17",
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
          "obj-8",
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
          "obj-14",
          1
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
          "obj-12",
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
          "obj-14",
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
          "obj-15",
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
          "obj-16",
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
          "obj-17",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      440.0,
      170.0,
      100.0,
      22.0
     ],
     "text": "p address"
    }
   },
   {
    "box": {
     "id": "obj-79",
     "maxclass": "newobj",
     "numinlets": 6,
     "numoutlets": 4,
     "outlettype": [
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
       964.0,
       792.0
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
         "id": "obj-18",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 4,
         "outlettype": [
          "int",
          "int",
          "int",
          "int"
         ],
         "patching_rect": [
          300.0,
          140.0,
          180.0,
          22.0
         ],
         "text": "t i i i i"
        }
       },
       {
        "box": {
         "id": "obj-19",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          600.0,
          390.0,
          112.0,
          22.0
         ],
         "text": "random 1000000"
        }
       },
       {
        "box": {
         "id": "obj-20",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          600.0,
          420.0,
          49.0,
          22.0
         ],
         "text": "t i i"
        }
       },
       {
        "box": {
         "id": "obj-21",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          "bang"
         ],
         "patching_rect": [
          20.0,
          250.0,
          49.0,
          22.0
         ],
         "text": "t a b"
        }
       },
       {
        "box": {
         "id": "obj-22",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          120.0,
          290.0,
          40.0,
          22.0
         ],
         "text": "i 1"
        }
       },
       {
        "box": {
         "id": "obj-23",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "int",
          "int",
          "int"
         ],
         "patching_rect": [
          120.0,
          320.0,
          63.0,
          22.0
         ],
         "text": "t i i i"
        }
       },
       {
        "box": {
         "id": "obj-24",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          220.0,
          350.0,
          40.0,
          22.0
         ],
         "text": "+ 1"
        }
       },
       {
        "box": {
         "id": "obj-25",
         "maxclass": "newobj",
         "numinlets": 3,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          390.0,
          220.0,
          22.0
         ],
         "text": "sprintf symout j-%ld-%ld-%ld"
        }
       },
       {
        "box": {
         "id": "obj-26",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 4,
         "outlettype": [
          "",
          "",
          "",
          "bang"
         ],
         "patching_rect": [
          120.0,
          430.0,
          140.0,
          22.0
         ],
         "text": "t s s s b"
        }
       },
       {
        "box": {
         "id": "obj-27",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          470.0,
          77.0,
          22.0
         ],
         "text": "pack s #1"
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
          300.0,
          500.0,
          147.0,
          22.0
         ],
         "text": "id $1 reply_port $2"
        }
       },
       {
        "box": {
         "id": "obj-29",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          540.0,
          63.0,
          22.0
         ],
         "text": "zl join"
        }
       },
       {
        "box": {
         "id": "obj-30",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          580.0,
          196.0,
          22.0
         ],
         "text": "prepend /audioldm/generate"
        }
       },
       {
        "box": {
         "id": "obj-31",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          470.0,
          49.0,
          22.0
         ],
         "text": "id $1"
        }
       },
       {
        "box": {
         "id": "obj-32",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          420.0,
          540.0,
          42.0,
          22.0
         ],
         "text": "gate"
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
          455.0,
          510.0,
          40.0,
          22.0
         ],
         "text": "1"
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
          520.0,
          510.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-35",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          420.0,
          580.0,
          56.0,
          22.0
         ],
         "text": "zl reg"
        }
       },
       {
        "box": {
         "id": "obj-36",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          420.0,
          620.0,
          77.0,
          22.0
         ],
         "text": "pack s #1"
        }
       },
       {
        "box": {
         "id": "obj-37",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          420.0,
          660.0,
          245.0,
          22.0
         ],
         "text": "/audioldm/cancel $1 reply_port $2"
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
          700.0,
          590.0,
          42.0,
          22.0
         ],
         "text": "i #1"
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
          700.0,
          660.0,
          224.0,
          22.0
         ],
         "text": "/audioldm/status reply_port $1"
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
          904.0,
          60.0
         ],
         "text": "Requests: generate gets the next id j-<n>-<port>-<session> (the session is random per load, so a reopened patch or a second Max never reuses an id the engine knows: a known id is replayed, not rerun) and reply_port; cancel goes out only while the latest job runs \u2014 the gate opens with a request and closes with its end; status."
        }
       },
       {
        "box": {
         "comment": "/audioldm/generate, /cancel, /status",
         "id": "obj-93",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          722.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "id <job id>",
         "id": "obj-94",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          120.0,
          722.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the latest request's n",
         "id": "obj-95",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          158.0,
          722.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "this load's session",
         "id": "obj-96",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          600.0,
          722.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "generate <field value\u2026>",
         "id": "obj-109",
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
       },
       {
        "box": {
         "comment": "the reply port",
         "id": "obj-110",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "cancel",
         "id": "obj-111",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          442.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the latest job ended: close the cancel gate",
         "id": "obj-112",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          520.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "loaded: a new session",
         "id": "obj-113",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          600.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "status",
         "id": "obj-114",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          700.0,
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
          "obj-19",
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
          "obj-18",
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
          "obj-20",
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
          "obj-25",
          2
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
          "obj-25",
          1
         ],
         "source": [
          "obj-18",
          3
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
          "obj-109",
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
          1
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
          "obj-24",
          0
         ],
         "source": [
          "obj-23",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-22",
          1
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
          "obj-23",
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
          "obj-25",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-27",
          1
         ],
         "source": [
          "obj-18",
          2
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
          "obj-27",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-29",
          1
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
          "obj-21",
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
          "obj-29",
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
          "obj-30",
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
          "obj-26",
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
          "obj-26",
          3
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
          "obj-33",
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
          "obj-34",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-35",
          1
         ],
         "source": [
          "obj-26",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-32",
          1
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
          "obj-35",
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
          "obj-36",
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
          1
         ],
         "source": [
          "obj-18",
          1
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
          "obj-36",
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
          "obj-37",
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
          "obj-114",
          0
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
          "obj-18",
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
          "obj-93",
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
          "obj-94",
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
          "obj-96",
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
          "obj-95",
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
          "obj-34",
          0
         ],
         "source": [
          "obj-112",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      20.0,
      190.0,
      120.0,
      22.0
     ],
     "text": "p request"
    }
   },
   {
    "box": {
     "id": "obj-80",
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
       502.0,
       372.0
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
         "id": "obj-40",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          20.0,
          120.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-41",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          160.0,
          42.0,
          22.0
         ],
         "text": "i #1"
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
          20.0,
          200.0,
          210.0,
          22.0
         ],
         "text": "/audioldm/ping reply_port $1"
        }
       },
       {
        "box": {
         "id": "obj-43",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "bang"
         ],
         "patching_rect": [
          240.0,
          200.0,
          84.0,
          22.0
         ],
         "text": "delay 2000"
        }
       },
       {
        "box": {
         "id": "obj-44",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          240.0,
          240.0,
          105.0,
          22.0
         ],
         "text": "engine absent"
        }
       },
       {
        "box": {
         "id": "obj-45",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          360.0,
          120.0,
          49.0,
          22.0
         ],
         "text": "t b b"
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
          420.0,
          160.0,
          42.0,
          22.0
         ],
         "text": "stop"
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
          360.0,
          240.0,
          98.0,
          22.0
         ],
         "text": "engine ready"
        }
       },
       {
        "box": {
         "id": "obj-85",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          442.0,
          40.0
         ],
         "text": "Ping on load and when the address changes: engine ready when the pong comes, engine absent after 2 s without one."
        }
       },
       {
        "box": {
         "comment": "/audioldm/ping",
         "id": "obj-97",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          302.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "engine ready, engine absent",
         "id": "obj-98",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          240.0,
          302.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "ping: on load, after host/port/reply_port",
         "id": "obj-115",
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
       },
       {
        "box": {
         "comment": "the reply port",
         "id": "obj-116",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          58.0,
          60.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "pong",
         "id": "obj-117",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          360.0,
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
          "obj-40",
          0
         ],
         "source": [
          "obj-115",
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
          "obj-40",
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
          "obj-40",
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
          "obj-116",
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
          "obj-97",
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
          "obj-46",
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
          "obj-43",
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
          "obj-45",
          0
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
          "obj-47",
          0
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
          "obj-43",
          0
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
          "obj-44",
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
          "obj-117",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      240.0,
      190.0,
      60.0,
      22.0
     ],
     "text": "p ping"
    }
   },
   {
    "box": {
     "id": "obj-81",
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
       460.0,
       900.0
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
          200.0,
          63.0,
          22.0
         ],
         "text": "zl join"
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
          140.0,
          180.0,
          105.0,
          22.0
         ],
         "text": "reply_port $1"
        }
       },
       {
        "box": {
         "id": "obj-50",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          230.0,
          170.0,
          22.0
         ],
         "text": "prepend /audioldm/history"
        }
       },
       {
        "box": {
         "id": "obj-51",
         "maxclass": "newobj",
         "numinlets": 3,
         "numoutlets": 3,
         "outlettype": [
          "",
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          940.0,
          330.0,
          22.0
         ],
         "text": "route /audioldm/history/entry /audioldm/history/end"
        }
       },
       {
        "box": {
         "id": "obj-52",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          1330.0,
          119.0,
          22.0
         ],
         "text": "prepend history"
        }
       },
       {
        "box": {
         "id": "obj-53",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          200.0,
          1330.0,
          147.0,
          22.0
         ],
         "text": "prepend history_end"
        }
       },
       {
        "box": {
         "id": "obj-86",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          400.0,
          100.0
         ],
         "text": "history <field value\u2026> (query, limit, since) \u2192 /audioldm/history <field value\u2026> reply_port PORT. Its replies \u2014 one /audioldm/history/entry per entry, then /audioldm/history/end count N \u2014 go out as history <key value\u2026> and history_end count N; every other reply goes on to the job path."
        }
       },
       {
        "box": {
         "comment": "/audioldm/generate, /cancel, /status, /history",
         "id": "obj-99",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          1392.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "history <key value\u2026>, history_end count N",
         "id": "obj-100",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          1392.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "to t a a",
         "id": "obj-101",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          330.0,
          1392.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "history <field value\u2026>",
         "id": "obj-118",
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
         "comment": "OSC from the engine",
         "id": "obj-119",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          58.0,
          120.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the reply port",
         "id": "obj-120",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          140.0,
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
          "obj-49",
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
          "obj-48",
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
          "obj-48",
          0
         ],
         "source": [
          "obj-118",
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
          "obj-50",
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
          "obj-51",
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
          "obj-100",
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
          "obj-100",
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
          "obj-51",
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
          "obj-101",
          0
         ],
         "source": [
          "obj-51",
          2
         ]
        }
       }
      ]
     },
     "patching_rect": [
      680.0,
      190.0,
      77.0,
      22.0
     ],
     "text": "p history"
    }
   },
   {
    "box": {
     "id": "obj-82",
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
       1280.0,
       602.0
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
         "id": "obj-54",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          140.0,
          49.0,
          22.0
         ],
         "text": "t a a"
        }
       },
       {
        "box": {
         "id": "obj-55",
         "maxclass": "newobj",
         "numinlets": 4,
         "numoutlets": 4,
         "outlettype": [
          "",
          "",
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          170.0,
          360.0,
          22.0
         ],
         "text": "route /audioldm/pong /audioldm/status /audioldm/error"
        }
       },
       {
        "box": {
         "id": "obj-56",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          150.0,
          210.0,
          112.0,
          22.0
         ],
         "text": "prepend status"
        }
       },
       {
        "box": {
         "id": "obj-57",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          270.0,
          210.0,
          49.0,
          22.0
         ],
         "text": "t a a"
        }
       },
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
          270.0,
          330.0,
          56.0,
          22.0
         ],
         "text": "zl reg"
        }
       },
       {
        "box": {
         "id": "obj-59",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          270.0,
          250.0,
          70.0,
          22.0
         ],
         "text": "zl mth 1"
        }
       },
       {
        "box": {
         "id": "obj-60",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          270.0,
          280.0,
          140.0,
          22.0
         ],
         "text": "sel not_cancellable"
        }
       },
       {
        "box": {
         "id": "obj-61",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          "bang"
         ],
         "patching_rect": [
          340.0,
          305.0,
          40.0,
          22.0
         ],
         "text": "t b"
        }
       },
       {
        "box": {
         "id": "obj-62",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          270.0,
          370.0,
          105.0,
          22.0
         ],
         "text": "prepend error"
        }
       },
       {
        "box": {
         "id": "obj-63",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          600.0,
          190.0,
          49.0,
          22.0
         ],
         "text": "t a a"
        }
       },
       {
        "box": {
         "id": "obj-64",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          600.0,
          390.0,
          56.0,
          22.0
         ],
         "text": "zl reg"
        }
       },
       {
        "box": {
         "id": "obj-65",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          680.0,
          220.0,
          70.0,
          22.0
         ],
         "text": "zl mth 1"
        }
       },
       {
        "box": {
         "id": "obj-66",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          680.0,
          250.0,
          160.0,
          22.0
         ],
         "text": "fromsymbol @separator -"
        }
       },
       {
        "box": {
         "id": "obj-67",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          680.0,
          280.0,
          63.0,
          22.0
         ],
         "text": "route j"
        }
       },
       {
        "box": {
         "id": "obj-68",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "int",
          "int",
          "int"
         ],
         "patching_rect": [
          680.0,
          310.0,
          98.0,
          22.0
         ],
         "text": "unpack 0 0 0"
        }
       },
       {
        "box": {
         "id": "obj-69",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          800.0,
          340.0,
          42.0,
          22.0
         ],
         "text": "== 0"
        }
       },
       {
        "box": {
         "id": "obj-70",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          680.0,
          360.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-71",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          680.0,
          390.0,
          49.0,
          22.0
         ],
         "text": "sel 0"
        }
       },
       {
        "box": {
         "id": "obj-72",
         "maxclass": "newobj",
         "numinlets": 7,
         "numoutlets": 7,
         "outlettype": [
          "",
          "",
          "",
          "",
          "",
          "",
          ""
         ],
         "patching_rect": [
          600.0,
          430.0,
          640.0,
          22.0
         ],
         "text": "route /audioldm/accepted /audioldm/started /audioldm/progress /audioldm/done /audioldm/cancelled /audioldm/error"
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
          600.0,
          470.0,
          112.0,
          22.0
         ],
         "text": "accepted $1 $2"
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
          470.0,
          84.0,
          22.0
         ],
         "text": "started $1"
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
          810.0,
          470.0,
          133.0,
          22.0
         ],
         "text": "progress $1 $2 $3"
        }
       },
       {
        "box": {
         "id": "obj-76",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          950.0,
          470.0,
          98.0,
          22.0
         ],
         "text": "prepend done"
        }
       },
       {
        "box": {
         "id": "obj-77",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          1060.0,
          470.0,
          98.0,
          22.0
         ],
         "text": "cancelled $1"
        }
       },
       {
        "box": {
         "id": "obj-87",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          1220.0,
          60.0
         ],
         "text": "Replies: pong and status by address; errors go out, all but not_cancellable (a refused cancel of a job that has just ended: its own final event says how); job events pass only for the latest request \u2014 its id j-<n>-<port>-<session> is split at - into numbers ([fromsymbol], documented for symbols), the session compared with ours ([==]) and n with the latest request's ([sel 0]: a single int argument, so its right inlet exists and takes the number). done, cancelled and error end the latest job (the cancel gate closes)."
        }
       },
       {
        "box": {
         "comment": "pong",
         "id": "obj-102",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          532.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the latest job's events, errors, status",
         "id": "obj-103",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          150.0,
          532.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the latest job ended: close the cancel gate",
         "id": "obj-104",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          910.0,
          532.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "from route /audioldm/history/entry /audioldm/history/end",
         "id": "obj-121",
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
       },
       {
        "box": {
         "comment": "the latest request's n",
         "id": "obj-122",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          709.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "this load's session",
         "id": "obj-123",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          822.0,
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
          "obj-54",
          0
         ],
         "source": [
          "obj-121",
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
          "obj-54",
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
          "obj-55",
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
          "obj-55",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-58",
          1
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
          "obj-61",
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
          "obj-58",
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
          "obj-58",
          0
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
          "obj-54",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-64",
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
          "obj-65",
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
          "obj-66",
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
          "obj-67",
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
          "obj-68",
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
          "obj-69",
          0
         ],
         "source": [
          "obj-68",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-69",
          1
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
          "obj-68",
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
          "obj-71",
          1
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
          "obj-64",
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
          "obj-72",
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
          "obj-73",
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
          "obj-103",
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
          "obj-72",
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
          "obj-72",
          2
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
          "obj-72",
          3
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
          "obj-76",
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
          "obj-72",
          4
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
          "obj-77",
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
          "obj-72",
          3
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
          "obj-72",
          4
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
          "obj-72",
          5
         ]
        }
       }
      ]
     },
     "patching_rect": [
      20.0,
      380.0,
      77.0,
      22.0
     ],
     "text": "p replies"
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
      "obj-2",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-78",
      2
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
      "obj-5",
      0
     ],
     "source": [
      "obj-78",
      3
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-6",
      0
     ],
     "source": [
      "obj-78",
      4
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
      "obj-3",
      4
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-78",
      1
     ],
     "source": [
      "obj-3",
      5
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-78",
      3
     ],
     "source": [
      "obj-3",
      6
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-79",
      4
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
      "obj-79",
      1
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
      "obj-79",
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
      "obj-5",
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
      "obj-79",
      2
     ],
     "source": [
      "obj-3",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-79",
      5
     ],
     "source": [
      "obj-3",
      3
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
      1
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
      "obj-78",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-5",
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
      "obj-7",
      0
     ],
     "source": [
      "obj-80",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-81",
      2
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
      "obj-81",
      0
     ],
     "source": [
      "obj-3",
      7
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-5",
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
      "obj-7",
      0
     ],
     "source": [
      "obj-81",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-81",
      1
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
      "obj-82",
      0
     ],
     "source": [
      "obj-81",
      2
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
      "obj-82",
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
      "obj-82",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-82",
      2
     ],
     "source": [
      "obj-79",
      3
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-82",
      1
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
      "obj-79",
      3
     ],
     "source": [
      "obj-82",
      2
     ]
    }
   }
  ]
 }
}
