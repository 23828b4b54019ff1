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
   920.0,
   790.0
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
      50.0
     ],
     "text": "audioldm.live \u2014 8 prompt slots. Type a prompt and press Return: the slot renders at once (live priority). A click on a slot's play button or a MIDI note starts it at the next bar of the transport; evolve renders a new take with a new seed in the background lane and swaps it in at a bar."
    }
   },
   {
    "box": {
     "id": "obj-2",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
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
     "id": "obj-3",
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
     ]
    }
   },
   {
    "box": {
     "id": "obj-4",
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
      90.0,
      120.0,
      22.0
     ],
     "text": "transport"
    }
   },
   {
    "box": {
     "id": "obj-5",
     "maxclass": "newobj",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "patching_rect": [
      200.0,
      90.0,
      160.0,
      22.0
     ],
     "text": "metro 1n @quantize 1n"
    }
   },
   {
    "box": {
     "id": "obj-6",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      380.0,
      90.0,
      40.0,
      22.0
     ],
     "text": "bar"
    }
   },
   {
    "box": {
     "id": "obj-7",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      460.0,
      70.0,
      60.0,
      20.0
     ],
     "text": "panic"
    }
   },
   {
    "box": {
     "id": "obj-8",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      460.0,
      90.0,
      24.0,
      24.0
     ],
     "varname": "panic"
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
      500.0,
      90.0,
      49.0,
      22.0
     ],
     "text": "panic"
    }
   },
   {
    "box": {
     "id": "obj-10",
     "maxclass": "ezdac~",
     "numinlets": 2,
     "numoutlets": 0,
     "patching_rect": [
      580.0,
      80.0,
      45.0,
      45.0
     ]
    }
   },
   {
    "box": {
     "id": "obj-11",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      130.0,
      500.0,
      20.0
     ],
     "text": "MIDI: notes 60\u201367 (C3\u2013G3) \u2192 slots 1\u20138, any channel"
    }
   },
   {
    "box": {
     "id": "obj-12",
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
      150.0,
      80.0,
      22.0
     ],
     "text": "notein"
    }
   },
   {
    "box": {
     "id": "obj-13",
     "maxclass": "newobj",
     "numinlets": 2,
     "numoutlets": 2,
     "outlettype": [
      "int",
      "int"
     ],
     "patching_rect": [
      20.0,
      180.0,
      80.0,
      22.0
     ],
     "text": "stripnote"
    }
   },
   {
    "box": {
     "id": "obj-14",
     "maxclass": "newobj",
     "numinlets": 9,
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
      210.0,
      300.0,
      22.0
     ],
     "text": "sel 60 61 62 63 64 65 66 67"
    }
   },
   {
    "box": {
     "id": "obj-15",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      260.0,
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
      7411
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-16",
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
      100.0,
      260.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "id": "obj-17",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      322.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      2,
      7412
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-18",
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
      100.0,
      322.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
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
      20.0,
      384.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      3,
      7413
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-20",
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
      100.0,
      384.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
    }
   },
   {
    "box": {
     "id": "obj-21",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      446.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      4,
      7414
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-22",
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
      100.0,
      446.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
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
      508.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      5,
      7415
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-24",
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
      100.0,
      508.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
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
      20.0,
      570.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      6,
      7416
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-26",
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
      100.0,
      570.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
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
      20.0,
      632.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      7,
      7417
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-28",
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
      100.0,
      632.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
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
      20.0,
      694.0,
      63.0,
      22.0
     ],
     "text": "trigger"
    }
   },
   {
    "box": {
     "args": [
      8,
      7418
     ],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 0,
     "enablevscroll": 0,
     "id": "obj-30",
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
      100.0,
      694.0,
      560.0,
      56.0
     ],
     "viewvisibility": 1
    }
   }
  ],
  "lines": [
   {
    "patchline": {
     "destination": [
      "obj-4",
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
      "obj-3",
      0
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
      "obj-5",
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
      "obj-13",
      1
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
      "obj-15",
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
      "obj-16",
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
      "obj-16",
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
      "obj-17",
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
      "obj-18",
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
      "obj-18",
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
      "obj-18",
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
      "obj-19",
      0
     ],
     "source": [
      "obj-14",
      2
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
      "obj-20",
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
      "obj-20",
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
      "obj-21",
      0
     ],
     "source": [
      "obj-14",
      3
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
      "obj-22",
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
      "obj-22",
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
      "obj-23",
      0
     ],
     "source": [
      "obj-14",
      4
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
      "obj-24",
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
      "obj-24",
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
      "obj-25",
      0
     ],
     "source": [
      "obj-14",
      5
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
      "obj-26",
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
      "obj-26",
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
      "obj-27",
      0
     ],
     "source": [
      "obj-14",
      6
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
      "obj-28",
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
      "obj-28",
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
      "obj-29",
      0
     ],
     "source": [
      "obj-14",
      7
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
      "obj-30",
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
      "obj-30",
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
