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
   700.0
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
      40.0
     ],
     "text": "audioldm.client PORT HOST ENGINE_PORT \u2014 talks to the audioldm-bridge engine over OSC (UDP). Arguments (defaults 18001 127.0.0.1 18000): the port this client listens on, the engine's host and OSC port. Every request carries reply_port PORT, so each client gets only its own replies; use a different PORT for every instance."
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
      55.0,
      860.0,
      20.0
     ],
     "text": "Start the engine first:  audioldm-bridge serve   (--model tiny for a quick test). An engine on another machine takes OSC from this one only with --host and --osc-allow (docs/SECURITY.md); then give its host and port here or as arguments."
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
      400.0,
      180.0,
      22.0
     ],
     "text": "audioldm.client 7420"
    }
   },
   {
    "box": {
     "id": "obj-4",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      90.0,
      620.0,
      22.0
     ],
     "text": "generate prompt \"warm analog pad\" bars 2 bpm 100. time_sig 4/4 seed 42"
    }
   },
   {
    "box": {
     "id": "obj-5",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      126.0,
      620.0,
      22.0
     ],
     "text": "generate prompt \"glitchy hats\" bars 1 bpm 133.7 time_sig 7/8 variations 2 priority live"
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
      20.0,
      162.0,
      620.0,
      22.0
     ],
     "text": "generate prompt \"rain on a tin roof\" seconds 4 loop 1 negative_prompt \"low quality\""
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
      20.0,
      198.0,
      620.0,
      22.0
     ],
     "text": "cancel"
    }
   },
   {
    "box": {
     "id": "obj-8",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      234.0,
      620.0,
      22.0
     ],
     "text": "ping"
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
      20.0,
      270.0,
      620.0,
      22.0
     ],
     "text": "status"
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
      20.0,
      306.0,
      620.0,
      22.0
     ],
     "text": "history query rain limit 5"
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
      20.0,
      342.0,
      620.0,
      22.0
     ],
     "text": "host 127.0.0.1"
    }
   },
   {
    "box": {
     "id": "obj-12",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      20.0,
      378.0,
      620.0,
      22.0
     ],
     "text": "port 18000"
    }
   },
   {
    "box": {
     "id": "obj-13",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      440.0,
      112.0,
      22.0
     ],
     "text": "print audioldm"
    }
   },
   {
    "box": {
     "id": "obj-14",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      660.0,
      306.0,
      220.0,
      90.0
     ],
     "text": "host <name> / port <n>: where requests go from now on (then a ping shows whether an engine answers there); reply_port <n>: listen on another port. cancel is sent only while the latest job runs."
    }
   },
   {
    "box": {
     "id": "obj-15",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      480.0,
      860.0,
      50.0
     ],
     "text": "Out (one outlet; job events only for the latest request): id <job id>, accepted <job id> <position>, started <job id>, progress <job id> <step> <total>, done <job id> <path\u2026>, cancelled <job id>, error <job id> <code> <message> (all errors but not_cancellable), engine ready | absent (ping on load and on host/port), status <key value\u2026>, history <key value\u2026> (one per entry) then history_end count <n>."
    }
   },
   {
    "box": {
     "id": "obj-16",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      540.0,
      860.0,
      60.0
     ],
     "text": "On the wire: /audioldm/generate <field value\u2026> id <job id> reply_port PORT, /audioldm/cancel <job id> reply_port PORT, /audioldm/ping reply_port PORT, /audioldm/status reply_port PORT, /audioldm/history <field value\u2026> reply_port PORT \u2192 replies /audioldm/accepted, /started, /progress, /done, /error, /cancelled, /pong, /status, /history/entry, /history/end (docs/PROTOCOL.md)."
    }
   },
   {
    "box": {
     "id": "obj-17",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      610.0,
      860.0,
      50.0
     ],
     "text": "Prompts go as one symbol (quotes here; [route text] \u2192 [tosymbol] from a textedit); numbers as ints and 32-bit floats. Ids are j-<n>-<port>-<session>, new for every request; a reply is the latest job's when [fromsymbol @separator -] of its id gives this load's session and the latest n."
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
      "obj-4",
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
      "obj-5",
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
      "obj-6",
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
      "obj-7",
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
      "obj-8",
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
      "obj-9",
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
      "obj-10",
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
      "obj-11",
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
      "obj-3",
      0
     ]
    }
   }
  ]
 }
}
