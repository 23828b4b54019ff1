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
   965.0,
   476.0
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
     "id": "obj-1",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      10.0,
      860.0,
      90.0
     ],
     "text": "audioldm.live \u2014 8 slots, each a prompt and a length in bars. Return in a prompt box renders it at once (priority live, loop 1, the transport's tempo and signature). A MIDI note (60\u201367) or the slot's play button starts it at the next bar line of the transport's time signature ([metro @interval 1.0.0 @quantize 1.0.0]: one bar, 1440 ticks in 3/4, 1920 in 4/4); it loops in sync ([groove~] loop 1, loopinterp 1) and is silent until then (its speed is 0 until a start). evolve renders a new seed in the background lane; the new take swaps in at the next bar. panic stops all and cancels the renders still running (finished takes stay ready, empty slots send nothing). engine host/port: where the engine runs. Slots listen on ports 7411\u20137418 (their morph sweeps on 7511\u20137518) and show empty / queued / rendering n of N / ready / cancelled / error. Morph: a slot's morph target gets a background sweep of 5 points after each render; its dial (learn: a MIDI CC) swaps the nearest point in at the next bar."
    }
   },
   {
    "box": {
     "id": "obj-2",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      110.0,
      140.0,
      22.0
     ],
     "text": "load audioldm.live"
    }
   },
   {
    "box": {
     "id": "obj-3",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      140.0,
      70.0,
      22.0
     ],
     "text": "pcontrol"
    }
   },
   {
    "box": {
     "id": "obj-4",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      171.0,
      112.0,
      200.0,
      20.0
     ],
     "text": "\u2190 open audioldm.live"
    }
   },
   {
    "box": {
     "id": "obj-5",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      175.0,
      860.0,
      20.0
     ],
     "text": "One slot, wired as audioldm.live wires it (port 7431): start the transport, type a prompt, press Return, then play note 60 or click play."
    }
   },
   {
    "box": {
     "id": "obj-6",
     "maxclass": "toggle",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "int"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      20.0,
      200.0,
      24.0,
      24.0
     ]
    }
   },
   {
    "box": {
     "id": "obj-7",
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
      60.0,
      200.0,
      100.0,
      22.0
     ],
     "text": "transport"
    }
   },
   {
    "box": {
     "id": "obj-8",
     "maxclass": "newobj",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "patching_rect": [
      180.0,
      200.0,
      240.0,
      22.0
     ],
     "text": "metro @interval 1.0.0 @quantize 1.0.0"
    }
   },
   {
    "box": {
     "id": "obj-9",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      440.0,
      200.0,
      40.0,
      22.0
     ],
     "text": "bar"
    }
   },
   {
    "box": {
     "id": "obj-10",
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
      240.0,
      80.0,
      22.0
     ],
     "text": "notein"
    }
   },
   {
    "box": {
     "id": "obj-11",
     "maxclass": "newobj",
     "numinlets": 2,
     "numoutlets": 2,
     "outlettype": [
      "int",
      "int"
     ],
     "patching_rect": [
      20.0,
      270.0,
      80.0,
      22.0
     ],
     "text": "stripnote"
    }
   },
   {
    "box": {
     "id": "obj-12",
     "maxclass": "newobj",
     "numinlets": 2,
     "numoutlets": 2,
     "outlettype": [
      "bang",
      ""
     ],
     "patching_rect": [
      20.0,
      300.0,
      56.0,
      22.0
     ],
     "text": "sel 60"
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
      20.0,
      330.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      1,
      7431,
      7531
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-14",
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
      20.0,
      380.0,
      830.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "id": "obj-15",
     "maxclass": "ezdac~",
     "numinlets": 2,
     "numoutlets": 0,
     "patching_rect": [
      880.0,
      380.0,
      45.0,
      45.0
     ]
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
      "obj-7",
      0
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
      "obj-8",
      0
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
      "obj-9",
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
      "obj-11",
      1
     ],
     "source": [
      "obj-10",
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
      "obj-10",
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
      0
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
      "obj-13",
      0
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
      "obj-9",
      0
     ]
    }
   }
  ]
 }
}
