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
   1160.0,
   596.0
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
      700.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      10.0,
      700.0,
      20.0
     ],
     "text": "audioldm.generator \u2014 type a prompt, set the length, press Generate. The engine must be running: audioldm-bridge serve"
    }
   },
   {
    "box": {
     "id": "obj-2",
     "keymode": 0,
     "lines": 2,
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
      80.0,
      420.0,
      40.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      60.0,
      420.0,
      40.0
     ],
     "text": "",
     "varname": "prompt"
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
      60.0,
      80.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      40.0,
      80.0,
      20.0
     ],
     "text": "prompt"
    }
   },
   {
    "box": {
     "id": "obj-4",
     "keymode": 0,
     "lines": 2,
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
      150.0,
      300.0,
      40.0
     ],
     "presentation": 1,
     "presentation_rect": [
      460.0,
      60.0,
      300.0,
      40.0
     ],
     "text": "",
     "varname": "negative"
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
      130.0,
      300.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      460.0,
      40.0,
      300.0,
      20.0
     ],
     "text": "negative prompt (optional)"
    }
   },
   {
    "box": {
     "id": "obj-6",
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
      20.0,
      220.0,
      50.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      130.0,
      50.0,
      22.0
     ],
     "varname": "bars"
    }
   },
   {
    "box": {
     "id": "obj-7",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      200.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      110.0,
      60.0,
      20.0
     ],
     "text": "bars"
    }
   },
   {
    "box": {
     "id": "obj-8",
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
      90.0,
      220.0,
      50.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      400.0,
      130.0,
      50.0,
      22.0
     ],
     "varname": "variations"
    }
   },
   {
    "box": {
     "id": "obj-9",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      90.0,
      200.0,
      80.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      400.0,
      110.0,
      80.0,
      20.0
     ],
     "text": "variations"
    }
   },
   {
    "box": {
     "id": "obj-10",
     "maxclass": "number",
     "minimum": 0,
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      180.0,
      220.0,
      90.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      480.0,
      130.0,
      90.0,
      22.0
     ],
     "varname": "seed"
    }
   },
   {
    "box": {
     "id": "obj-11",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      180.0,
      200.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      480.0,
      110.0,
      60.0,
      20.0
     ],
     "text": "seed"
    }
   },
   {
    "box": {
     "id": "obj-12",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      280.0,
      220.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      580.0,
      130.0,
      24.0,
      24.0
     ],
     "varname": "new_seed"
    }
   },
   {
    "box": {
     "id": "obj-13",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      306.0,
      222.0,
      70.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      606.0,
      132.0,
      70.0,
      20.0
     ],
     "text": "new seed"
    }
   },
   {
    "box": {
     "id": "obj-14",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      20.0,
      270.0,
      40.0,
      40.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      180.0,
      40.0,
      40.0
     ],
     "varname": "generate"
    }
   },
   {
    "box": {
     "id": "obj-15",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      66.0,
      280.0,
      80.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      66.0,
      190.0,
      80.0,
      20.0
     ],
     "text": "Generate"
    }
   },
   {
    "box": {
     "id": "obj-16",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      160.0,
      270.0,
      40.0,
      40.0
     ],
     "presentation": 1,
     "presentation_rect": [
      160.0,
      180.0,
      40.0,
      40.0
     ],
     "varname": "cancel"
    }
   },
   {
    "box": {
     "id": "obj-17",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      206.0,
      280.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      206.0,
      190.0,
      60.0,
      20.0
     ],
     "text": "Cancel"
    }
   },
   {
    "box": {
     "id": "obj-18",
     "maxclass": "toggle",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "int"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      480.0,
      80.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      170.0,
      130.0,
      24.0,
      24.0
     ],
     "varname": "follow"
    }
   },
   {
    "box": {
     "id": "obj-19",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      480.0,
      60.0,
      110.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      170.0,
      110.0,
      110.0,
      20.0
     ],
     "text": "follow transport"
    }
   },
   {
    "box": {
     "id": "obj-20",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      448.0,
      104.0,
      310.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      90.0,
      154.0,
      310.0,
      20.0
     ],
     "text": "(typing a BPM or signature turns it off)"
    }
   },
   {
    "box": {
     "format": 6,
     "id": "obj-21",
     "maxclass": "flonum",
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      480.0,
      150.0,
      60.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      90.0,
      130.0,
      60.0,
      22.0
     ],
     "varname": "bpm"
    }
   },
   {
    "box": {
     "id": "obj-22",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      480.0,
      130.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      90.0,
      110.0,
      60.0,
      20.0
     ],
     "text": "BPM"
    }
   },
   {
    "box": {
     "id": "obj-23",
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
      480.0,
      220.0,
      40.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      290.0,
      130.0,
      40.0,
      22.0
     ],
     "varname": "ts_num"
    }
   },
   {
    "box": {
     "id": "obj-24",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      480.0,
      200.0,
      80.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      290.0,
      110.0,
      80.0,
      20.0
     ],
     "text": "time sig"
    }
   },
   {
    "box": {
     "id": "obj-25",
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
      525.0,
      220.0,
      40.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      335.0,
      130.0,
      40.0,
      22.0
     ],
     "varname": "ts_den"
    }
   },
   {
    "box": {
     "format": 6,
     "id": "obj-26",
     "maxclass": "flonum",
     "maximum": 1.0,
     "minimum": 0.0,
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      720.0,
      150.0,
      60.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      800.0,
      130.0,
      60.0,
      22.0
     ],
     "varname": "strength"
    }
   },
   {
    "box": {
     "id": "obj-27",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      766.0,
      98.0,
      300.0,
      50.0
     ],
     "presentation": 1,
     "presentation_rect": [
      800.0,
      78.0,
      300.0,
      50.0
     ],
     "text": "Transform the take: its audio goes to the engine with the prompt, negative prompt, variations and seed; the result keeps its length."
    }
   },
   {
    "box": {
     "id": "obj-28",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      786.0,
      148.0,
      220.0,
      30.0
     ],
     "presentation": 1,
     "presentation_rect": [
      866.0,
      128.0,
      220.0,
      30.0
     ],
     "text": "strength 0..1: 0 keeps the take, 1 ignores it"
    }
   },
   {
    "box": {
     "id": "obj-29",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      720.0,
      200.0,
      40.0,
      40.0
     ],
     "presentation": 1,
     "presentation_rect": [
      800.0,
      180.0,
      40.0,
      40.0
     ],
     "varname": "transform"
    }
   },
   {
    "box": {
     "id": "obj-30",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      766.0,
      210.0,
      80.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      846.0,
      190.0,
      80.0,
      20.0
     ],
     "text": "Transform"
    }
   },
   {
    "box": {
     "id": "obj-31",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      1074.0,
      80.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      600.0,
      330.0,
      24.0,
      24.0
     ],
     "varname": "play"
    }
   },
   {
    "box": {
     "id": "obj-32",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1106.0,
      82.0,
      40.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      626.0,
      332.0,
      40.0,
      20.0
     ],
     "text": "play"
    }
   },
   {
    "box": {
     "id": "obj-33",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      1074.0,
      110.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      600.0,
      360.0,
      24.0,
      24.0
     ],
     "varname": "stop"
    }
   },
   {
    "box": {
     "id": "obj-34",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1106.0,
      112.0,
      40.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      626.0,
      362.0,
      40.0,
      20.0
     ],
     "text": "stop"
    }
   },
   {
    "box": {
     "id": "obj-35",
     "maxclass": "toggle",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "int"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      1074.0,
      140.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      600.0,
      390.0,
      24.0,
      24.0
     ],
     "varname": "loop"
    }
   },
   {
    "box": {
     "id": "obj-36",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1106.0,
      142.0,
      40.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      626.0,
      392.0,
      40.0,
      20.0
     ],
     "text": "loop"
    }
   },
   {
    "box": {
     "id": "obj-37",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      1020.0,
      170.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      760.0,
      330.0,
      24.0,
      24.0
     ],
     "varname": "open"
    }
   },
   {
    "box": {
     "id": "obj-38",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1046.0,
      172.0,
      220.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      786.0,
      332.0,
      220.0,
      20.0
     ],
     "text": "open a sound file into the take\u2026"
    }
   },
   {
    "box": {
     "id": "obj-39",
     "maxclass": "ezdac~",
     "numinlets": 2,
     "numoutlets": 0,
     "patching_rect": [
      1020.0,
      210.0,
      45.0,
      45.0
     ],
     "presentation": 1,
     "presentation_rect": [
      680.0,
      340.0,
      45.0,
      45.0
     ]
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
      90.0,
      490.0,
      200.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      370.0,
      176.0,
      200.0,
      22.0
     ],
     "text": "engine ?",
     "varname": "engine"
    }
   },
   {
    "box": {
     "id": "obj-41",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      492.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      300.0,
      178.0,
      60.0,
      20.0
     ],
     "text": "engine"
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
      90.0,
      520.0,
      200.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      370.0,
      204.0,
      200.0,
      22.0
     ],
     "text": "empty",
     "varname": "status"
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
      522.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      300.0,
      206.0,
      60.0,
      20.0
     ],
     "text": "status"
    }
   },
   {
    "box": {
     "id": "obj-44",
     "maxclass": "slider",
     "numinlets": 1,
     "numoutlets": 1,
     "orientation": 1,
     "outlettype": [
      ""
     ],
     "parameter_enable": 0,
     "patching_rect": [
      100.0,
      550.0,
      460.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      100.0,
      235.0,
      460.0,
      20.0
     ],
     "size": 101.0,
     "varname": "progress"
    }
   },
   {
    "box": {
     "id": "obj-45",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      550.0,
      80.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      235.0,
      80.0,
      20.0
     ],
     "text": "progress"
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
      90.0,
      580.0,
      660.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      90.0,
      263.0,
      660.0,
      22.0
     ],
     "text": "",
     "varname": "error"
    }
   },
   {
    "box": {
     "id": "obj-47",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      582.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      265.0,
      60.0,
      20.0
     ],
     "text": "error"
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
      90.0,
      610.0,
      660.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      90.0,
      293.0,
      660.0,
      22.0
     ],
     "text": "",
     "varname": "file"
    }
   },
   {
    "box": {
     "id": "obj-49",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      20.0,
      612.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      295.0,
      60.0,
      20.0
     ],
     "text": "file"
    }
   },
   {
    "box": {
     "id": "obj-50",
     "maxclass": "umenu",
     "numinlets": 1,
     "numoutlets": 3,
     "outlettype": [
      "int",
      "",
      ""
     ],
     "parameter_enable": 0,
     "patching_rect": [
      90.0,
      640.0,
      240.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      760.0,
      362.0,
      240.0,
      22.0
     ],
     "varname": "takes"
    }
   },
   {
    "box": {
     "id": "obj-51",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      90.0,
      666.0,
      240.0,
      34.0
     ],
     "presentation": 1,
     "presentation_rect": [
      760.0,
      388.0,
      240.0,
      34.0
     ],
     "text": "take: the variations of the last result \u2014 pick one to audition it"
    }
   },
   {
    "box": {
     "buffername": "audioldm.generator.take",
     "id": "obj-52",
     "maxclass": "waveform~",
     "numinlets": 5,
     "numoutlets": 6,
     "outlettype": [
      "float",
      "float",
      "float",
      "float",
      "list",
      ""
     ],
     "patching_rect": [
      780.0,
      490.0,
      560.0,
      90.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      325.0,
      560.0,
      90.0
     ]
    }
   },
   {
    "box": {
     "id": "obj-53",
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
      1280.0,
      80.0,
      110.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      960.0,
      255.0,
      110.0,
      22.0
     ],
     "text": "127.0.0.1",
     "varname": "host"
    }
   },
   {
    "box": {
     "id": "obj-54",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1280.0,
      60.0,
      90.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      960.0,
      235.0,
      90.0,
      20.0
     ],
     "text": "engine host"
    }
   },
   {
    "box": {
     "id": "obj-55",
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
      1400.0,
      80.0,
      60.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      1080.0,
      255.0,
      60.0,
      22.0
     ],
     "varname": "port"
    }
   },
   {
    "box": {
     "id": "obj-56",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1400.0,
      60.0,
      50.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      1080.0,
      235.0,
      50.0,
      20.0
     ],
     "text": "port"
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
      20.0,
      400.0,
      200.0,
      22.0
     ],
     "text": "audioldm.client 7401"
    }
   },
   {
    "box": {
     "hint": "blend the prompt toward this text (empty: no morph)",
     "id": "obj-106",
     "keymode": 0,
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
      1280.0,
      160.0,
      300.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      445.0,
      300.0,
      22.0
     ],
     "text": "",
     "varname": "morph_to"
    }
   },
   {
    "box": {
     "id": "obj-107",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1280.0,
      140.0,
      440.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      425.0,
      440.0,
      20.0
     ],
     "text": "morph to (optional): the prompt blends toward this text by the amount"
    }
   },
   {
    "box": {
     "format": 6,
     "id": "obj-108",
     "maxclass": "flonum",
     "maximum": 1.0,
     "minimum": 0.0,
     "numinlets": 1,
     "numoutlets": 2,
     "outlettype": [
      "",
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      1600.0,
      160.0,
      60.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      340.0,
      445.0,
      60.0,
      22.0
     ],
     "varname": "morph"
    }
   },
   {
    "box": {
     "id": "obj-109",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      1666.0,
      162.0,
      90.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      406.0,
      447.0,
      90.0,
      20.0
     ],
     "text": "amount 0..1"
    }
   },
   {
    "box": {
     "id": "obj-110",
     "maxclass": "newobj",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      1728.0,
      130.0,
      98.0,
      22.0
     ],
     "text": "loadmess 0.5"
    }
   },
   {
    "box": {
     "id": "obj-179",
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
      700.0,
      300.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      530.0,
      300.0,
      22.0
     ],
     "text": "",
     "varname": "history_search"
    }
   },
   {
    "box": {
     "id": "obj-180",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      338.0,
      680.0,
      480.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      20.0,
      510.0,
      480.0,
      20.0
     ],
     "text": "history: search the prompts of everything made (Return; empty: the latest)"
    }
   },
   {
    "box": {
     "id": "obj-181",
     "maxclass": "button",
     "numinlets": 1,
     "numoutlets": 1,
     "outlettype": [
      "bang"
     ],
     "parameter_enable": 0,
     "patching_rect": [
      330.0,
      700.0,
      24.0,
      24.0
     ],
     "presentation": 1,
     "presentation_rect": [
      330.0,
      530.0,
      24.0,
      24.0
     ],
     "varname": "history_find"
    }
   },
   {
    "box": {
     "id": "obj-182",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      356.0,
      702.0,
      50.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      356.0,
      532.0,
      50.0,
      20.0
     ],
     "text": "search"
    }
   },
   {
    "box": {
     "id": "obj-183",
     "maxclass": "umenu",
     "numinlets": 1,
     "numoutlets": 3,
     "outlettype": [
      "int",
      "",
      ""
     ],
     "parameter_enable": 0,
     "patching_rect": [
      420.0,
      700.0,
      440.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      420.0,
      530.0,
      440.0,
      22.0
     ],
     "varname": "history"
    }
   },
   {
    "box": {
     "id": "obj-184",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      420.0,
      726.0,
      240.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      420.0,
      556.0,
      240.0,
      20.0
     ],
     "text": "pick one to load it into the take"
    }
   },
   {
    "box": {
     "id": "obj-185",
     "maxclass": "message",
     "numinlets": 2,
     "numoutlets": 1,
     "outlettype": [
      ""
     ],
     "patching_rect": [
      880.0,
      700.0,
      180.0,
      22.0
     ],
     "presentation": 1,
     "presentation_rect": [
      880.0,
      530.0,
      180.0,
      22.0
     ],
     "text": "",
     "varname": "history_status"
    }
   },
   {
    "box": {
     "id": "obj-186",
     "maxclass": "comment",
     "numinlets": 1,
     "numoutlets": 0,
     "patching_rect": [
      880.0,
      680.0,
      60.0,
      20.0
     ],
     "presentation": 1,
     "presentation_rect": [
      880.0,
      510.0,
      60.0,
      20.0
     ],
     "text": "found"
    }
   },
   {
    "box": {
     "id": "obj-227",
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
         "id": "obj-57",
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
          185.0,
          84.0,
          22.0
         ],
         "text": "route bang"
        }
       },
       {
        "box": {
         "id": "obj-59",
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
         "id": "obj-60",
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
         "id": "obj-61",
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
         "id": "obj-236",
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
         "id": "obj-245",
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
         "id": "obj-246",
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
         "id": "obj-292",
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
         "id": "obj-293",
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
          "obj-246",
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
          "obj-57",
          0
         ],
         "source": [
          "obj-292",
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
          "obj-58",
          1
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
          "obj-293",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-245",
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
          "obj-245",
          0
         ],
         "source": [
          "obj-60",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      1280.0,
      350.0,
      77.0,
      22.0
     ],
     "text": "p address"
    }
   },
   {
    "box": {
     "id": "obj-228",
     "maxclass": "newobj",
     "numinlets": 0,
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
       460.0,
       272.0
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
         "id": "obj-62",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          140.0,
          80.0,
          22.0
         ],
         "text": "loadmess 2"
        }
       },
       {
        "box": {
         "id": "obj-63",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          140.0,
          80.0,
          22.0
         ],
         "text": "loadmess 1"
        }
       },
       {
        "box": {
         "id": "obj-64",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          140.0,
          80.0,
          22.0
         ],
         "text": "loadmess 0.5"
        }
       },
       {
        "box": {
         "id": "obj-65",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          140.0,
          80.0,
          22.0
         ],
         "text": "loadmess 1"
        }
       },
       {
        "box": {
         "id": "obj-237",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          400.0,
          60.0
         ],
         "text": "The controls' values on load (the BPM and signature boxes get theirs from the transport: 'follow transport' is on)."
        }
       },
       {
        "box": {
         "comment": "bars",
         "id": "obj-247",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          202.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "variations",
         "id": "obj-248",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          120.0,
          202.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "strength",
         "id": "obj-249",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          220.0,
          202.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "follow",
         "id": "obj-250",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          320.0,
          202.0,
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
          "obj-247",
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
          "obj-248",
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
          "obj-249",
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
          "obj-250",
          0
         ],
         "source": [
          "obj-65",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      274.0,
      290.0,
      84.0,
      22.0
     ],
     "text": "p defaults"
    }
   },
   {
    "box": {
     "id": "obj-229",
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
       589.0,
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
         "id": "obj-67",
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
          170.0,
          160.0,
          22.0
         ],
         "text": "transport"
        }
       },
       {
        "box": {
         "id": "obj-68",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "int",
          "int"
         ],
         "patching_rect": [
          200.0,
          140.0,
          63.0,
          22.0
         ],
         "text": "t b i i"
        }
       },
       {
        "box": {
         "id": "obj-69",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          80.0,
          210.0,
          42.0,
          22.0
         ],
         "text": "gate"
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
          140.0,
          210.0,
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
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "float"
         ],
         "patching_rect": [
          80.0,
          240.0,
          49.0,
          22.0
         ],
         "text": "t f f"
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
          120.0,
          270.0,
          56.0,
          22.0
         ],
         "text": "set $1"
        }
       },
       {
        "box": {
         "id": "obj-73",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          140.0,
          240.0,
          84.0,
          22.0
         ],
         "text": "unpack 0 0"
        }
       },
       {
        "box": {
         "id": "obj-74",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          184.0,
          270.0,
          49.0,
          22.0
         ],
         "text": "t i i"
        }
       },
       {
        "box": {
         "id": "obj-75",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          241.0,
          270.0,
          49.0,
          22.0
         ],
         "text": "t i i"
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
          140.0,
          300.0,
          56.0,
          22.0
         ],
         "text": "set $1"
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
          200.0,
          300.0,
          56.0,
          22.0
         ],
         "text": "set $1"
        }
       },
       {
        "box": {
         "id": "obj-78",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          290.0,
          250.0,
          70.0,
          22.0
         ],
         "text": "pack 4 4"
        }
       },
       {
        "box": {
         "id": "obj-79",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          290.0,
          280.0,
          168.0,
          22.0
         ],
         "text": "sprintf symout %ld/%ld"
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
          380.0,
          170.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-81",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          380.0,
          200.0,
          49.0,
          22.0
         ],
         "text": "t f b"
        }
       },
       {
        "box": {
         "id": "obj-82",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "bang"
         ],
         "patching_rect": [
          440.0,
          200.0,
          49.0,
          22.0
         ],
         "text": "t i b"
        }
       },
       {
        "box": {
         "id": "obj-83",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "bang"
         ],
         "patching_rect": [
          500.0,
          200.0,
          49.0,
          22.0
         ],
         "text": "t i b"
        }
       },
       {
        "box": {
         "id": "obj-238",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          529.0,
          60.0
         ],
         "text": "Tempo and time signature: while 'follow transport' is on, the transport's are shown (set: no output) and used; a value typed into the BPM or signature boxes is used and turns following off."
        }
       },
       {
        "box": {
         "comment": "the tempo",
         "id": "obj-251",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          80.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <the transport's tempo>",
         "id": "obj-252",
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
         "comment": "set <the transport's signature>",
         "id": "obj-253",
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
         "comment": "set <the transport's signature>",
         "id": "obj-254",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          200.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the time signature",
         "id": "obj-255",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          290.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "0: stop following",
         "id": "obj-256",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          380.0,
          362.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the transport's tempo and signature",
         "id": "obj-294",
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
         "comment": "follow transport",
         "id": "obj-295",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          200.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the signature",
         "id": "obj-296",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          290.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a typed BPM",
         "id": "obj-297",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          380.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a typed signature",
         "id": "obj-298",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          440.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "a typed signature",
         "id": "obj-299",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          500.0,
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
          "obj-68",
          0
         ],
         "source": [
          "obj-295",
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
          "obj-70",
          0
         ],
         "source": [
          "obj-68",
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
          1
         ],
         "source": [
          "obj-67",
          4
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
          "obj-69",
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
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-252",
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
          "obj-70",
          1
         ],
         "source": [
          "obj-67",
          5
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
          "obj-70",
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
          "obj-73",
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
          "obj-75",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-254",
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
          "obj-78",
          1
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
          "obj-74",
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
          "obj-76",
          0
         ],
         "source": [
          "obj-74",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-253",
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
          "obj-78",
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
          "obj-79",
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
          "obj-81",
          0
         ],
         "source": [
          "obj-297",
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
          "obj-81",
          1
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
          "obj-298",
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
          "obj-82",
          1
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
       },
       {
        "patchline": {
         "destination": [
          "obj-83",
          0
         ],
         "source": [
          "obj-299",
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
          "obj-83",
          1
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
          "obj-83",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-256",
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
          "obj-67",
          0
         ],
         "source": [
          "obj-294",
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
          "obj-296",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-251",
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
          "obj-251",
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
          "obj-255",
          0
         ],
         "source": [
          "obj-79",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      480.0,
      350.0,
      120.0,
      22.0
     ],
     "text": "p tempo"
    }
   },
   {
    "box": {
     "id": "obj-230",
     "maxclass": "newobj",
     "numinlets": 12,
     "numoutlets": 11,
     "outlettype": [
      "",
      "",
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
       800.0,
       532.0
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
         "id": "obj-84",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          20.0,
          140.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-85",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          90.0,
          140.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-86",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 7,
         "outlettype": [
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          20.0,
          170.0,
          300.0,
          22.0
         ],
         "text": "t b b b b b b b"
        }
       },
       {
        "box": {
         "id": "obj-87",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          320.0,
          470.0,
          22.0
         ],
         "text": "generate prompt $1 bars $2 bpm $3 time_sig $4 variations $5 seed $6"
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
          20.0,
          200.0,
          84.0,
          22.0
         ],
         "text": "route text"
        }
       },
       {
        "box": {
         "id": "obj-89",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          225.0,
          84.0,
          22.0
         ],
         "text": "route bang"
        }
       },
       {
        "box": {
         "id": "obj-90",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          250.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-91",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          275.0,
          70.0,
          22.0
         ],
         "text": "gate 2 1"
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
          110.0,
          250.0,
          175.0,
          22.0
         ],
         "text": "set type a prompt first"
        }
       },
       {
        "box": {
         "id": "obj-93",
         "maxclass": "newobj",
         "numinlets": 6,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          98.0,
          290.0,
          260.0,
          22.0
         ],
         "text": "pack s 2 120. 4/4 1 0"
        }
       },
       {
        "box": {
         "id": "obj-94",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          460.0,
          140.0,
          84.0,
          22.0
         ],
         "text": "route text"
        }
       },
       {
        "box": {
         "id": "obj-95",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          460.0,
          165.0,
          84.0,
          22.0
         ],
         "text": "route bang"
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
          460.0,
          190.0,
          40.0,
          22.0
         ],
         "text": "1"
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
          540.0,
          190.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-98",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          540.0,
          220.0,
          49.0,
          22.0
         ],
         "text": "t b s"
        }
       },
       {
        "box": {
         "id": "obj-99",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          540.0,
          250.0,
          40.0,
          22.0
         ],
         "text": "2"
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
          620.0,
          250.0,
          140.0,
          22.0
         ],
         "text": "negative_prompt $1"
        }
       },
       {
        "box": {
         "id": "obj-101",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          400.0,
          360.0,
          70.0,
          22.0
         ],
         "text": "gate 2 1"
        }
       },
       {
        "box": {
         "id": "obj-102",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          460.0,
          400.0,
          63.0,
          22.0
         ],
         "text": "zl join"
        }
       },
       {
        "box": {
         "id": "obj-103",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          160.0,
          400.0,
          56.0,
          22.0
         ],
         "text": "cancel"
        }
       },
       {
        "box": {
         "id": "obj-104",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          620.0,
          320.0,
          112.0,
          22.0
         ],
         "text": "random 1000000"
        }
       },
       {
        "box": {
         "id": "obj-105",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          "bang"
         ],
         "patching_rect": [
          620.0,
          290.0,
          70.0,
          22.0
         ],
         "text": "loadbang"
        }
       },
       {
        "box": {
         "id": "obj-239",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          740.0,
          60.0
         ],
         "text": "Generate: gather every value (right to left: the transport's tempo and signature, negative prompt, bars, variations, seed), the prompt last into pack's hot inlet. The prompt goes to Generate's pack (1) or Transform's (2). The negative prompt is appended only when there is one. A new seed on load and on 'new seed'."
        }
       },
       {
        "box": {
         "comment": "bang: the prompt",
         "id": "obj-257",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "generate \u2026",
         "id": "obj-258",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: seed, a new seed",
         "id": "obj-259",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          96.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the prompt",
         "id": "obj-260",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          134.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set type a prompt first",
         "id": "obj-261",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          172.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: variations",
         "id": "obj-262",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          210.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: bars",
         "id": "obj-263",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          248.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "generate \u2026, cancel",
         "id": "obj-264",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          286.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the negative prompt",
         "id": "obj-265",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          324.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the signature",
         "id": "obj-266",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          362.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the transport's tempo and signature",
         "id": "obj-267",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          400.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "Generate",
         "id": "obj-300",
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
         "comment": "the prompt",
         "id": "obj-301",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          58.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "2: the prompt to Transform",
         "id": "obj-302",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          96.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bars",
         "id": "obj-303",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          146.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "Cancel",
         "id": "obj-304",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          184.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the tempo",
         "id": "obj-305",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          222.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the time signature",
         "id": "obj-306",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          260.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "variations",
         "id": "obj-307",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          290.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "seed",
         "id": "obj-308",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          338.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "generate \u2026 [morph_to \u2026 morph \u2026], generate \u2026 init_audio \u2026",
         "id": "obj-309",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          450.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the negative prompt",
         "id": "obj-310",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          488.0,
          80.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "new seed",
         "id": "obj-311",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          620.0,
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
          "obj-84",
          0
         ],
         "source": [
          "obj-300",
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
          "obj-84",
          1
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
          "obj-85",
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
          "obj-84",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-267",
          0
         ],
         "source": [
          "obj-86",
          6
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-266",
          0
         ],
         "source": [
          "obj-86",
          5
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-265",
          0
         ],
         "source": [
          "obj-86",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-263",
          0
         ],
         "source": [
          "obj-86",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-262",
          0
         ],
         "source": [
          "obj-86",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-259",
          0
         ],
         "source": [
          "obj-86",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-257",
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
          "obj-88",
          0
         ],
         "source": [
          "obj-301",
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
          "obj-89",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-261",
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
          "obj-90",
          0
         ],
         "source": [
          "obj-89",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-91",
          1
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
          "obj-93",
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
          "obj-93",
          1
         ],
         "source": [
          "obj-303",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-93",
          2
         ],
         "source": [
          "obj-305",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-93",
          3
         ],
         "source": [
          "obj-306",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-93",
          4
         ],
         "source": [
          "obj-307",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-93",
          5
         ],
         "source": [
          "obj-308",
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
          "obj-93",
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
          "obj-310",
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
          "obj-95",
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
          "obj-96",
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
          "obj-95",
          1
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
          "obj-97",
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
          "obj-98",
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
          "obj-99",
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
          "obj-101",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-264",
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
          "obj-264",
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
          "obj-103",
          0
         ],
         "source": [
          "obj-304",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-264",
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
          "obj-104",
          0
         ],
         "source": [
          "obj-311",
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
          "obj-105",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-259",
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
          "obj-258",
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
          "obj-101",
          1
         ],
         "source": [
          "obj-309",
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
          "obj-302",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-260",
          0
         ],
         "source": [
          "obj-91",
          1
         ]
        }
       }
      ]
     },
     "patching_rect": [
      20.0,
      350.0,
      240.0,
      22.0
     ],
     "text": "p request"
    }
   },
   {
    "box": {
     "id": "obj-231",
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
       480.0,
       532.0
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
         "id": "obj-111",
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
         "text": "t a b"
        }
       },
       {
        "box": {
         "id": "obj-112",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          120.0,
          170.0,
          84.0,
          22.0
         ],
         "text": "route text"
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
          120.0,
          200.0,
          84.0,
          22.0
         ],
         "text": "route bang"
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
          120.0,
          230.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-115",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          230.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-116",
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
          260.0,
          63.0,
          22.0
         ],
         "text": "t b s b"
        }
       },
       {
        "box": {
         "id": "obj-117",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          280.0,
          300.0,
          84.0,
          22.0
         ],
         "text": "pack s 0.5"
        }
       },
       {
        "box": {
         "id": "obj-118",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          280.0,
          330.0,
          160.0,
          22.0
         ],
         "text": "morph_to $1 morph $2"
        }
       },
       {
        "box": {
         "id": "obj-119",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          300.0,
          40.0,
          22.0
         ],
         "text": "2"
        }
       },
       {
        "box": {
         "id": "obj-120",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          370.0,
          70.0,
          22.0
         ],
         "text": "gate 2 1"
        }
       },
       {
        "box": {
         "id": "obj-121",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          80.0,
          400.0,
          63.0,
          22.0
         ],
         "text": "zl join"
        }
       },
       {
        "box": {
         "id": "obj-240",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          420.0,
          60.0
         ],
         "text": "Morph: Generate's request gathers the morph target first; an empty target passes the request on as it is, else morph_to <target> morph <amount> is appended."
        }
       },
       {
        "box": {
         "comment": "generate \u2026 [morph_to \u2026 morph \u2026]",
         "id": "obj-268",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the morph target",
         "id": "obj-269",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the amount",
         "id": "obj-270",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          263.0,
          462.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "generate \u2026",
         "id": "obj-312",
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
         "comment": "the morph target",
         "id": "obj-313",
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
         "comment": "the amount",
         "id": "obj-314",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          344.0,
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
          "obj-111",
          0
         ],
         "source": [
          "obj-312",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-269",
          0
         ],
         "source": [
          "obj-111",
          1
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
          "obj-313",
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
          "obj-112",
          0
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
          "obj-120",
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
          "obj-115",
          0
         ],
         "source": [
          "obj-113",
          1
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
          "obj-115",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-270",
          0
         ],
         "source": [
          "obj-116",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-117",
          1
         ],
         "source": [
          "obj-314",
          0
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
          1
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
          "obj-121",
          1
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
          "obj-119",
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
          "obj-120",
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
          "obj-268",
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
          "obj-121",
          0
         ],
         "source": [
          "obj-120",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-268",
          0
         ],
         "source": [
          "obj-121",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      1150.0,
      290.0,
      63.0,
      22.0
     ],
     "text": "p morph"
    }
   },
   {
    "box": {
     "id": "obj-232",
     "maxclass": "newobj",
     "numinlets": 5,
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
       568.0,
       502.0
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
         "id": "obj-122",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "float",
          "bang"
         ],
         "patching_rect": [
          20.0,
          210.0,
          230.0,
          22.0
         ],
         "text": "buffer~ audioldm.generator.take"
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
          260.0,
          240.0,
          77.0,
          22.0
         ],
         "text": "set ready"
        }
       },
       {
        "box": {
         "id": "obj-124",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          200.0,
          180.0,
          63.0,
          22.0
         ],
         "text": "replace"
        }
       },
       {
        "box": {
         "id": "obj-125",
         "maxclass": "newobj",
         "numinlets": 3,
         "numoutlets": 2,
         "outlettype": [
          "signal",
          "signal"
         ],
         "patching_rect": [
          40.0,
          300.0,
          220.0,
          22.0
         ],
         "text": "groove~ audioldm.generator.take"
        }
       },
       {
        "box": {
         "id": "obj-126",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          "signal"
         ],
         "patching_rect": [
          40.0,
          270.0,
          63.0,
          22.0
         ],
         "text": "sig~ 0."
        }
       },
       {
        "box": {
         "id": "obj-127",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          258.0,
          210.0,
          49.0,
          22.0
         ],
         "text": "t b b"
        }
       },
       {
        "box": {
         "id": "obj-128",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          200.0,
          240.0,
          40.0,
          22.0
         ],
         "text": "1."
        }
       },
       {
        "box": {
         "id": "obj-129",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          345.0,
          240.0,
          77.0,
          22.0
         ],
         "text": "startloop"
        }
       },
       {
        "box": {
         "id": "obj-130",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          315.0,
          210.0,
          40.0,
          22.0
         ],
         "text": "0."
        }
       },
       {
        "box": {
         "id": "obj-131",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          430.0,
          240.0,
          98.0,
          22.0
         ],
         "text": "prepend loop"
        }
       },
       {
        "box": {
         "id": "obj-132",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          300.0,
          270.0,
          161.0,
          22.0
         ],
         "text": "loadmess loopinterp 1"
        }
       },
       {
        "box": {
         "id": "obj-133",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "signal"
         ],
         "patching_rect": [
          40.0,
          340.0,
          56.0,
          22.0
         ],
         "text": "*~ 0.5"
        }
       },
       {
        "box": {
         "id": "obj-134",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 0,
         "patching_rect": [
          40.0,
          370.0,
          42.0,
          22.0
         ],
         "text": "dac~"
        }
       },
       {
        "box": {
         "id": "obj-241",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          441.0,
          100.0
         ],
         "text": "The take and its preview. groove~ plays at the speed of its [sig~]: play sets it to 1 and goes to the start, stop sets it to 0 (loop 1 alone 'begins playing at the current speed': silent when stopped). open\u2026 sends replace without a file: buffer~ asks with an open dialog."
        }
       },
       {
        "box": {
         "comment": "set ready",
         "id": "obj-271",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          260.0,
          432.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "writewave <file>, replace <file>",
         "id": "obj-315",
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
         "comment": "open\u2026",
         "id": "obj-316",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          200.0,
          120.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "play",
         "id": "obj-317",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          258.0,
          120.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "stop",
         "id": "obj-318",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          315.0,
          120.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "loop on/off",
         "id": "obj-319",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          430.0,
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
          "obj-124",
          0
         ],
         "source": [
          "obj-316",
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
          "obj-124",
          0
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
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-271",
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
          "obj-127",
          0
         ],
         "source": [
          "obj-317",
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
          "obj-127",
          1
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
          "obj-127",
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
          "obj-318",
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
          "obj-319",
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
          "obj-129",
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
          "obj-131",
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
          "obj-132",
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
          "obj-126",
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
          "obj-125",
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
          "obj-133",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-134",
          1
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
          "obj-122",
          0
         ],
         "source": [
          "obj-315",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      1020.0,
      350.0,
      100.0,
      22.0
     ],
     "text": "p player"
    }
   },
   {
    "box": {
     "id": "obj-233",
     "maxclass": "newobj",
     "numinlets": 5,
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
       896.0,
       712.0
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
         "id": "obj-135",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          "bang"
         ],
         "patching_rect": [
          20.0,
          310.0,
          49.0,
          22.0
         ],
         "text": "t b b"
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
          90.0,
          310.0,
          40.0,
          22.0
         ],
         "text": "2"
        }
       },
       {
        "box": {
         "id": "obj-137",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 6,
         "outlettype": [
          "bang",
          "bang",
          "bang",
          "bang",
          "bang",
          "bang"
         ],
         "patching_rect": [
          20.0,
          340.0,
          200.0,
          22.0
         ],
         "text": "t b b b b b b"
        }
       },
       {
        "box": {
         "id": "obj-138",
         "maxclass": "newobj",
         "numinlets": 5,
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
         "text": "pack s s 0.5 1 0"
        }
       },
       {
        "box": {
         "id": "obj-139",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          530.0,
          470.0,
          22.0
         ],
         "text": "generate prompt $1 init_audio $2 strength $3 variations $4 seed $5"
        }
       },
       {
        "box": {
         "id": "obj-140",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          220.0,
          360.0,
          40.0,
          22.0
         ],
         "text": "i 0"
        }
       },
       {
        "box": {
         "id": "obj-141",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          220.0,
          385.0,
          49.0,
          22.0
         ],
         "text": "t i i"
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
          290.0,
          410.0,
          40.0,
          22.0
         ],
         "text": "+ 1"
        }
       },
       {
        "box": {
         "id": "obj-143",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          220.0,
          410.0,
          40.0,
          22.0
         ],
         "text": "% 8"
        }
       },
       {
        "box": {
         "id": "obj-144",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          220.0,
          435.0,
          40.0,
          22.0
         ],
         "text": "+ 1"
        }
       },
       {
        "box": {
         "id": "obj-145",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          460.0,
          330.0,
          22.0
         ],
         "text": "sprintf symout ~:/Music/audioldm-bridge-input-%ld.wav"
        }
       },
       {
        "box": {
         "id": "obj-146",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          "bang"
         ],
         "patching_rect": [
          320.0,
          260.0,
          70.0,
          22.0
         ],
         "text": "loadbang"
        }
       },
       {
        "box": {
         "id": "obj-147",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          285.0,
          300.0,
          22.0
         ],
         "text": "; max getsystem audioldm.generator.platform"
        }
       },
       {
        "box": {
         "id": "obj-148",
         "maxclass": "newobj",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          310.0,
          200.0,
          22.0
         ],
         "text": "r audioldm.generator.platform"
        }
       },
       {
        "box": {
         "id": "obj-149",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "bang",
          ""
         ],
         "patching_rect": [
          320.0,
          335.0,
          160.0,
          22.0
         ],
         "text": "sel macintosh windows"
        }
       },
       {
        "box": {
         "id": "obj-150",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          360.0,
          40.0,
          22.0
         ],
         "text": "1"
        }
       },
       {
        "box": {
         "id": "obj-151",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          380.0,
          360.0,
          40.0,
          22.0
         ],
         "text": "2"
        }
       },
       {
        "box": {
         "id": "obj-152",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          220.0,
          490.0,
          70.0,
          22.0
         ],
         "text": "gate 2 1"
        }
       },
       {
        "box": {
         "id": "obj-153",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          "int"
         ],
         "patching_rect": [
          498.0,
          520.0,
          150.0,
          22.0
         ],
         "text": "conformpath slash boot"
        }
       },
       {
        "box": {
         "id": "obj-154",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          "int"
         ],
         "patching_rect": [
          656.0,
          520.0,
          200.0,
          22.0
         ],
         "text": "conformpath native_win absolute"
        }
       },
       {
        "box": {
         "id": "obj-155",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          498.0,
          550.0,
          49.0,
          22.0
         ],
         "text": "t s s"
        }
       },
       {
        "box": {
         "id": "obj-156",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          580.0,
          98.0,
          22.0
         ],
         "text": "writewave $1"
        }
       },
       {
        "box": {
         "id": "obj-157",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          560.0,
          70.0,
          22.0
         ],
         "text": "deferlow"
        }
       },
       {
        "box": {
         "id": "obj-242",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          600.0,
          180.0
         ],
         "text": "Transform: the take is written to ~/Music/audioldm-bridge-input-N.wav (N = 1..8, reused in turn: a folder under the user's home on macOS and Windows, an allowed input root of a local engine, not one of macOS's privacy-protected folders such as Documents), then sent as init_audio with the strength; no length is sent, so the result is exactly as long as the take. Max paths (Macintosh HD:/Users/\u2026) \u2192 the OS's own form, which the engine reads: on macOS slash style relative to the boot volume (/Users/\u2026; 'native' there is the old colon style), on Windows native_win absolute (C:\\Users\\\u2026); the platform comes from Max's getsystem. The request waits for the low-priority queue, where buffer~ may defer writing the file."
        }
       },
       {
        "box": {
         "comment": "bang: the prompt",
         "id": "obj-272",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "generate \u2026 init_audio \u2026",
         "id": "obj-273",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "2: the prompt to Transform",
         "id": "obj-274",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          90.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: strength",
         "id": "obj-275",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          128.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: variations",
         "id": "obj-276",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          166.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: seed",
         "id": "obj-277",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          204.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "bang: the negative prompt",
         "id": "obj-278",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          242.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "writewave <file>",
         "id": "obj-279",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          320.0,
          642.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "Transform",
         "id": "obj-320",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          200.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the prompt",
         "id": "obj-321",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          58.0,
          200.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "strength",
         "id": "obj-322",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          110.0,
          200.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "variations",
         "id": "obj-323",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          155.0,
          200.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "seed",
         "id": "obj-324",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          200.0,
          200.0,
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
          "obj-135",
          0
         ],
         "source": [
          "obj-320",
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
          "obj-135",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-274",
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
          "obj-137",
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
          "obj-278",
          0
         ],
         "source": [
          "obj-137",
          5
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-277",
          0
         ],
         "source": [
          "obj-137",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-276",
          0
         ],
         "source": [
          "obj-137",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-275",
          0
         ],
         "source": [
          "obj-137",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-272",
          0
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
          "obj-138",
          0
         ],
         "source": [
          "obj-321",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-138",
          2
         ],
         "source": [
          "obj-322",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-138",
          3
         ],
         "source": [
          "obj-323",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-138",
          4
         ],
         "source": [
          "obj-324",
          0
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
          "obj-138",
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
          "obj-137",
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
          "obj-142",
          0
         ],
         "source": [
          "obj-141",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-140",
          1
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
          "obj-144",
          0
         ],
         "source": [
          "obj-143",
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
          "obj-144",
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
          "obj-146",
          0
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
          "obj-148",
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
          "obj-149",
          0
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
          "obj-149",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-152",
          0
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
          "obj-152",
          0
         ],
         "source": [
          "obj-151",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-152",
          1
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
          "obj-153",
          0
         ],
         "source": [
          "obj-152",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-154",
          0
         ],
         "source": [
          "obj-152",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-155",
          0
         ],
         "source": [
          "obj-153",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-155",
          0
         ],
         "source": [
          "obj-154",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-156",
          0
         ],
         "source": [
          "obj-155",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-138",
          1
         ],
         "source": [
          "obj-155",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-279",
          0
         ],
         "source": [
          "obj-156",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-157",
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
          "obj-273",
          0
         ],
         "source": [
          "obj-157",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      720.0,
      350.0,
      160.0,
      22.0
     ],
     "text": "p transform"
    }
   },
   {
    "box": {
     "id": "obj-234",
     "maxclass": "newobj",
     "numinlets": 2,
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
       1152.0,
       422.0
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
         "id": "obj-158",
         "maxclass": "newobj",
         "numinlets": 10,
         "numoutlets": 10,
         "outlettype": [
          "",
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
          560.0,
          22.0
         ],
         "text": "route engine id accepted started progress done error cancelled status"
        }
       },
       {
        "box": {
         "id": "obj-159",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          150.0,
          105.0,
          22.0
         ],
         "text": "set engine $1"
        }
       },
       {
        "box": {
         "id": "obj-160",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          150.0,
          126.0,
          22.0
         ],
         "text": "set queued at $2"
        }
       },
       {
        "box": {
         "id": "obj-161",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          354.0,
          150.0,
          105.0,
          22.0
         ],
         "text": "set rendering"
        }
       },
       {
        "box": {
         "id": "obj-162",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          460.0,
          180.0,
          84.0,
          22.0
         ],
         "text": "zl slice 1"
        }
       },
       {
        "box": {
         "id": "obj-163",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          460.0,
          205.0,
          84.0,
          22.0
         ],
         "text": "unpack 0 0"
        }
       },
       {
        "box": {
         "id": "obj-164",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          460.0,
          230.0,
          49.0,
          22.0
         ],
         "text": "* 100"
        }
       },
       {
        "box": {
         "id": "obj-165",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          460.0,
          255.0,
          40.0,
          22.0
         ],
         "text": "/ 1"
        }
       },
       {
        "box": {
         "id": "obj-166",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          580.0,
          150.0,
          84.0,
          22.0
         ],
         "text": "zl slice 1"
        }
       },
       {
        "box": {
         "id": "obj-167",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "",
          "bang"
         ],
         "patching_rect": [
          580.0,
          175.0,
          63.0,
          22.0
         ],
         "text": "t b l b"
        }
       },
       {
        "box": {
         "id": "obj-168",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          580.0,
          200.0,
          40.0,
          22.0
         ],
         "text": "0"
        }
       },
       {
        "box": {
         "id": "obj-169",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          640.0,
          200.0,
          77.0,
          22.0
         ],
         "text": "zl iter 1"
        }
       },
       {
        "box": {
         "id": "obj-170",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          640.0,
          225.0,
          77.0,
          22.0
         ],
         "text": "append $1"
        }
       },
       {
        "box": {
         "id": "obj-171",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          730.0,
          200.0,
          49.0,
          22.0
         ],
         "text": "clear"
        }
       },
       {
        "box": {
         "id": "obj-172",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          580.0,
          260.0,
          49.0,
          22.0
         ],
         "text": "t s s"
        }
       },
       {
        "box": {
         "id": "obj-173",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          680.0,
          290.0,
          56.0,
          22.0
         ],
         "text": "set $1"
        }
       },
       {
        "box": {
         "id": "obj-174",
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
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-175",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          720.0,
          150.0,
          91.0,
          22.0
         ],
         "text": "prepend set"
        }
       },
       {
        "box": {
         "id": "obj-176",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          840.0,
          180.0,
          77.0,
          22.0
         ],
         "text": "set error"
        }
       },
       {
        "box": {
         "id": "obj-177",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          920.0,
          150.0,
          105.0,
          22.0
         ],
         "text": "set cancelled"
        }
       },
       {
        "box": {
         "id": "obj-178",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          1000.0,
          180.0,
          112.0,
          22.0
         ],
         "text": "print audioldm"
        }
       },
       {
        "box": {
         "id": "obj-243",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          1092.0,
          40.0
         ],
         "text": "The client's events \u2192 the engine state, the job's status, progress and error. done <id> <path\u2026>: one path per variation, listed in the take menu; the first is loaded, and choosing another loads that one."
        }
       },
       {
        "box": {
         "comment": "set engine ready/absent",
         "id": "obj-280",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          352.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <status>",
         "id": "obj-281",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          220.0,
          352.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "progress in %",
         "id": "obj-282",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          460.0,
          352.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the take menu: clear, append <file>, 0",
         "id": "obj-283",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          580.0,
          352.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "replace <file>",
         "id": "obj-284",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          618.0,
          352.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <file>",
         "id": "obj-285",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          680.0,
          352.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <error>",
         "id": "obj-286",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          720.0,
          352.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the client's events",
         "id": "obj-325",
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
         "comment": "the take picked",
         "id": "obj-326",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          580.0,
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
          "obj-158",
          0
         ],
         "source": [
          "obj-325",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-159",
          0
         ],
         "source": [
          "obj-158",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-280",
          0
         ],
         "source": [
          "obj-159",
          0
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
          "obj-158",
          2
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
          "obj-158",
          3
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
          "obj-158",
          5
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
          "obj-158",
          6
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
          "obj-158",
          7
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-281",
          0
         ],
         "source": [
          "obj-160",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-281",
          0
         ],
         "source": [
          "obj-161",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-281",
          0
         ],
         "source": [
          "obj-176",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-281",
          0
         ],
         "source": [
          "obj-177",
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
          "obj-158",
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
          "obj-162",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-165",
          1
         ],
         "source": [
          "obj-163",
          1
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
          "obj-163",
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
          "obj-164",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-282",
          0
         ],
         "source": [
          "obj-165",
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
          "obj-166",
          1
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
          "obj-167",
          2
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
          "obj-167",
          1
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
          "obj-169",
          0
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
          "obj-167",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-283",
          0
         ],
         "source": [
          "obj-171",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-283",
          0
         ],
         "source": [
          "obj-170",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-283",
          0
         ],
         "source": [
          "obj-168",
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
          "obj-326",
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
          "obj-172",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-285",
          0
         ],
         "source": [
          "obj-173",
          0
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
          "obj-172",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-284",
          0
         ],
         "source": [
          "obj-174",
          0
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
          "obj-158",
          6
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-286",
          0
         ],
         "source": [
          "obj-175",
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
          "obj-158",
          8
         ]
        }
       }
      ]
     },
     "patching_rect": [
      20.0,
      440.0,
      140.0,
      22.0
     ],
     "text": "p replies"
    }
   },
   {
    "box": {
     "id": "obj-235",
     "maxclass": "newobj",
     "numinlets": 3,
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
       818.0,
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
         "id": "obj-187",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          180.0,
          84.0,
          22.0
         ],
         "text": "route text"
        }
       },
       {
        "box": {
         "id": "obj-188",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          205.0,
          84.0,
          22.0
         ],
         "text": "route bang"
        }
       },
       {
        "box": {
         "id": "obj-189",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          255.0,
          126.0,
          22.0
         ],
         "text": "history limit 25"
        }
       },
       {
        "box": {
         "id": "obj-190",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          140.0,
          230.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-191",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          154.0,
          255.0,
          220.0,
          22.0
         ],
         "text": "history query $1 limit 25"
        }
       },
       {
        "box": {
         "id": "obj-192",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          "bang"
         ],
         "patching_rect": [
          20.0,
          290.0,
          49.0,
          22.0
         ],
         "text": "t a b"
        }
       },
       {
        "box": {
         "id": "obj-193",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          120.0,
          320.0,
          49.0,
          22.0
         ],
         "text": "clear"
        }
       },
       {
        "box": {
         "id": "obj-194",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          180.0,
          320.0,
          63.0,
          22.0
         ],
         "text": "zlclear"
        }
       },
       {
        "box": {
         "id": "obj-195",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          260.0,
          320.0,
          112.0,
          22.0
         ],
         "text": "set searching\u2026"
        }
       },
       {
        "box": {
         "id": "obj-196",
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
          360.0,
          180.0,
          22.0
         ],
         "text": "route history history_end"
        }
       },
       {
        "box": {
         "id": "obj-197",
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
         "text": "t b a"
        }
       },
       {
        "box": {
         "id": "obj-198",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          80.0,
          420.0,
          77.0,
          22.0
         ],
         "text": "zl iter 2"
        }
       },
       {
        "box": {
         "id": "obj-199",
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
          80.0,
          450.0,
          280.0,
          22.0
         ],
         "text": "route prompt seconds created path missing"
        }
       },
       {
        "box": {
         "id": "obj-200",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          340.0,
          480.0,
          49.0,
          22.0
         ],
         "text": "t i i"
        }
       },
       {
        "box": {
         "id": "obj-201",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          80.0,
          480.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-202",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          220.0,
          480.0,
          70.0,
          22.0
         ],
         "text": "tosymbol"
        }
       },
       {
        "box": {
         "id": "obj-203",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          20.0,
          510.0,
          40.0,
          22.0
         ],
         "text": "i"
        }
       },
       {
        "box": {
         "id": "obj-204",
         "maxclass": "newobj",
         "numinlets": 4,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          540.0,
          120.0,
          22.0
         ],
         "text": "pack 0 s 0. s"
        }
       },
       {
        "box": {
         "id": "obj-205",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          570.0,
          49.0,
          22.0
         ],
         "text": "t l l"
        }
       },
       {
        "box": {
         "id": "obj-206",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          120.0,
          600.0,
          70.0,
          22.0
         ],
         "text": "zl mth 0"
        }
       },
       {
        "box": {
         "id": "obj-207",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          120.0,
          630.0,
          40.0,
          22.0
         ],
         "text": "+ 1"
        }
       },
       {
        "box": {
         "id": "obj-208",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          630.0,
          84.0,
          22.0
         ],
         "text": "zl slice 1"
        }
       },
       {
        "box": {
         "id": "obj-209",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          20.0,
          660.0,
          56.0,
          22.0
         ],
         "text": "gate 2"
        }
       },
       {
        "box": {
         "id": "obj-210",
         "maxclass": "newobj",
         "numinlets": 3,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          690.0,
          220.0,
          22.0
         ],
         "text": "sprintf symout %s \u00b7 %.2f s \u00b7 %s"
        }
       },
       {
        "box": {
         "id": "obj-211",
         "maxclass": "newobj",
         "numinlets": 3,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          280.0,
          690.0,
          300.0,
          22.0
         ],
         "text": "sprintf symout %s \u00b7 %.2f s \u00b7 %s \u00b7 file missing"
        }
       },
       {
        "box": {
         "id": "obj-212",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          20.0,
          720.0,
          77.0,
          22.0
         ],
         "text": "append $1"
        }
       },
       {
        "box": {
         "id": "obj-213",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          320.0,
          510.0,
          98.0,
          22.0
         ],
         "text": "zl group 256"
        }
       },
       {
        "box": {
         "id": "obj-214",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          440.0,
          510.0,
          98.0,
          22.0
         ],
         "text": "zl group 256"
        }
       },
       {
        "box": {
         "id": "obj-215",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 3,
         "outlettype": [
          "bang",
          "bang",
          ""
         ],
         "patching_rect": [
          580.0,
          390.0,
          63.0,
          22.0
         ],
         "text": "t b b a"
        }
       },
       {
        "box": {
         "id": "obj-216",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          680.0,
          420.0,
          98.0,
          22.0
         ],
         "text": "set $2 found"
        }
       },
       {
        "box": {
         "id": "obj-217",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          320.0,
          780.0,
          77.0,
          22.0
         ],
         "text": "zl lookup"
        }
       },
       {
        "box": {
         "id": "obj-218",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          440.0,
          780.0,
          77.0,
          22.0
         ],
         "text": "zl lookup"
        }
       },
       {
        "box": {
         "id": "obj-219",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "int",
          "int"
         ],
         "patching_rect": [
          320.0,
          750.0,
          49.0,
          22.0
         ],
         "text": "t i i"
        }
       },
       {
        "box": {
         "id": "obj-220",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          "int"
         ],
         "patching_rect": [
          440.0,
          810.0,
          42.0,
          22.0
         ],
         "text": "== 0"
        }
       },
       {
        "box": {
         "id": "obj-221",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 2,
         "outlettype": [
          "bang",
          ""
         ],
         "patching_rect": [
          520.0,
          810.0,
          49.0,
          22.0
         ],
         "text": "sel 1"
        }
       },
       {
        "box": {
         "id": "obj-222",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          520.0,
          840.0,
          200.0,
          22.0
         ],
         "text": "set file missing: not loaded"
        }
       },
       {
        "box": {
         "id": "obj-223",
         "maxclass": "newobj",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          840.0,
          42.0,
          22.0
         ],
         "text": "gate"
        }
       },
       {
        "box": {
         "id": "obj-224",
         "maxclass": "newobj",
         "numinlets": 1,
         "numoutlets": 2,
         "outlettype": [
          "",
          ""
         ],
         "patching_rect": [
          320.0,
          870.0,
          49.0,
          22.0
         ],
         "text": "t s s"
        }
       },
       {
        "box": {
         "id": "obj-225",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
          900.0,
          84.0,
          22.0
         ],
         "text": "replace $1"
        }
       },
       {
        "box": {
         "id": "obj-226",
         "maxclass": "message",
         "numinlets": 2,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          420.0,
          900.0,
          56.0,
          22.0
         ],
         "text": "set $1"
        }
       },
       {
        "box": {
         "id": "obj-244",
         "maxclass": "comment",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          10.0,
          758.0,
          100.0
         ],
         "text": "The history menu: search sends history [query <text>] limit 25 to the client (clearing the menu and the lists first); each history entry's pairs are read in any order (zl iter 2 \u2192 route; prompt and date as one symbol each), then its label is made \u2014 prompt \u00b7 seconds \u00b7 created, with 'file missing' when it is \u2014 and appended; its path and missing flag gather in [zl group]s, handed to the [zl lookup]s at history_end. A choice looks up both: a file that is there is loaded into the take (replace) and shown; a missing one only says so."
        }
       },
       {
        "box": {
         "comment": "clear, append <label>",
         "id": "obj-287",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          20.0,
          962.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "history \u2026",
         "id": "obj-288",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          58.0,
          962.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <what the search found>",
         "id": "obj-289",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          260.0,
          962.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "replace <file>",
         "id": "obj-290",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          320.0,
          962.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "set <file>",
         "id": "obj-291",
         "maxclass": "outlet",
         "numinlets": 1,
         "numoutlets": 0,
         "patching_rect": [
          420.0,
          962.0,
          30.0,
          30.0
         ]
        }
       },
       {
        "box": {
         "comment": "the search box",
         "id": "obj-327",
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
         "comment": "the client's events",
         "id": "obj-328",
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
         "comment": "the entry picked",
         "id": "obj-329",
         "maxclass": "inlet",
         "numinlets": 0,
         "numoutlets": 1,
         "outlettype": [
          ""
         ],
         "patching_rect": [
          320.0,
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
          "obj-187",
          0
         ],
         "source": [
          "obj-327",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-188",
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
          "obj-189",
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
          "obj-190",
          0
         ],
         "source": [
          "obj-188",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-191",
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
          "obj-192",
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
          "obj-192",
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
          "obj-193",
          0
         ],
         "source": [
          "obj-192",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-194",
          0
         ],
         "source": [
          "obj-192",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-195",
          0
         ],
         "source": [
          "obj-192",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-287",
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
          "obj-213",
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
          "obj-214",
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
          "obj-289",
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
          "obj-288",
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
          "obj-196",
          0
         ],
         "source": [
          "obj-328",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-197",
          0
         ],
         "source": [
          "obj-196",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-198",
          0
         ],
         "source": [
          "obj-197",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-199",
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
          "obj-201",
          0
         ],
         "source": [
          "obj-199",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-204",
          1
         ],
         "source": [
          "obj-201",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-204",
          2
         ],
         "source": [
          "obj-199",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-202",
          0
         ],
         "source": [
          "obj-199",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-204",
          3
         ],
         "source": [
          "obj-202",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-213",
          0
         ],
         "source": [
          "obj-199",
          3
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-200",
          0
         ],
         "source": [
          "obj-199",
          4
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-214",
          0
         ],
         "source": [
          "obj-200",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-203",
          1
         ],
         "source": [
          "obj-200",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-203",
          0
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
          "obj-204",
          0
         ],
         "source": [
          "obj-203",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-205",
          0
         ],
         "source": [
          "obj-204",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-206",
          0
         ],
         "source": [
          "obj-205",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-207",
          0
         ],
         "source": [
          "obj-206",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-209",
          0
         ],
         "source": [
          "obj-207",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-208",
          0
         ],
         "source": [
          "obj-205",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-209",
          1
         ],
         "source": [
          "obj-208",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-210",
          0
         ],
         "source": [
          "obj-209",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-211",
          0
         ],
         "source": [
          "obj-209",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-212",
          0
         ],
         "source": [
          "obj-210",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-212",
          0
         ],
         "source": [
          "obj-211",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-287",
          0
         ],
         "source": [
          "obj-212",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-215",
          0
         ],
         "source": [
          "obj-196",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-216",
          0
         ],
         "source": [
          "obj-215",
          2
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-289",
          0
         ],
         "source": [
          "obj-216",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-214",
          0
         ],
         "source": [
          "obj-215",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-213",
          0
         ],
         "source": [
          "obj-215",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-217",
          1
         ],
         "source": [
          "obj-213",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-218",
          1
         ],
         "source": [
          "obj-214",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-219",
          0
         ],
         "source": [
          "obj-329",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-218",
          0
         ],
         "source": [
          "obj-219",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-220",
          0
         ],
         "source": [
          "obj-218",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-221",
          0
         ],
         "source": [
          "obj-218",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-222",
          0
         ],
         "source": [
          "obj-221",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-289",
          0
         ],
         "source": [
          "obj-222",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-223",
          0
         ],
         "source": [
          "obj-220",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-217",
          0
         ],
         "source": [
          "obj-219",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-223",
          1
         ],
         "source": [
          "obj-217",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-224",
          0
         ],
         "source": [
          "obj-223",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-226",
          0
         ],
         "source": [
          "obj-224",
          1
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-291",
          0
         ],
         "source": [
          "obj-226",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-225",
          0
         ],
         "source": [
          "obj-224",
          0
         ]
        }
       },
       {
        "patchline": {
         "destination": [
          "obj-290",
          0
         ],
         "source": [
          "obj-225",
          0
         ]
        }
       }
      ]
     },
     "patching_rect": [
      800.0,
      440.0,
      100.0,
      22.0
     ],
     "text": "p history"
    }
   }
  ],
  "lines": [
   {
    "patchline": {
     "destination": [
      "obj-55",
      0
     ],
     "source": [
      "obj-227",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-227",
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
      "obj-227",
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
      "obj-6",
      0
     ],
     "source": [
      "obj-228",
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
      "obj-228",
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
      "obj-228",
      2
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
      "obj-228",
      3
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
      "obj-227",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-229",
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
      "obj-21",
      0
     ],
     "source": [
      "obj-229",
      1
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
      "obj-229",
      3
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
      "obj-229",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-229",
      3
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
      "obj-229",
      4
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
      "obj-229",
      5
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
      "obj-18",
      0
     ],
     "source": [
      "obj-229",
      5
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-230",
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
      "obj-229",
      0
     ],
     "source": [
      "obj-230",
      10
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-229",
      2
     ],
     "source": [
      "obj-230",
      9
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-4",
      0
     ],
     "source": [
      "obj-230",
      8
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
      "obj-230",
      6
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
      "obj-230",
      5
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
      "obj-230",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-2",
      0
     ],
     "source": [
      "obj-230",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-230",
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
      "obj-42",
      0
     ],
     "source": [
      "obj-230",
      4
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-230",
      3
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
      "obj-230",
      5
     ],
     "source": [
      "obj-229",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-230",
      6
     ],
     "source": [
      "obj-229",
      4
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-230",
      7
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
      "obj-230",
      8
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
      "obj-230",
      10
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
      "obj-66",
      0
     ],
     "source": [
      "obj-230",
      7
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-230",
      4
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
      "obj-230",
      11
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
      "obj-108",
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
      "obj-231",
      0
     ],
     "source": [
      "obj-230",
      1
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
      "obj-231",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-231",
      1
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
      "obj-108",
      0
     ],
     "source": [
      "obj-231",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-231",
      2
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
      "obj-230",
      9
     ],
     "source": [
      "obj-231",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-232",
      1
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
      "obj-42",
      0
     ],
     "source": [
      "obj-232",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-232",
      2
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
      "obj-232",
      3
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
      "obj-232",
      4
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
      "obj-233",
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
      "obj-230",
      2
     ],
     "source": [
      "obj-233",
      2
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-4",
      0
     ],
     "source": [
      "obj-233",
      6
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
      "obj-233",
      5
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
      "obj-233",
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
      "obj-233",
      3
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-2",
      0
     ],
     "source": [
      "obj-233",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-233",
      1
     ],
     "source": [
      "obj-230",
      3
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-233",
      2
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
      "obj-233",
      3
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
      "obj-233",
      4
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
      "obj-232",
      0
     ],
     "source": [
      "obj-233",
      7
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-230",
      9
     ],
     "source": [
      "obj-233",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-234",
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
      "obj-40",
      0
     ],
     "source": [
      "obj-234",
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
      "obj-234",
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
      "obj-234",
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
      "obj-234",
      3
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-234",
      1
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
      "obj-48",
      0
     ],
     "source": [
      "obj-234",
      5
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-232",
      0
     ],
     "source": [
      "obj-234",
      4
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
      "obj-234",
      6
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
      "obj-181",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-235",
      0
     ],
     "source": [
      "obj-179",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-183",
      0
     ],
     "source": [
      "obj-235",
      0
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-185",
      0
     ],
     "source": [
      "obj-235",
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
      "obj-235",
      1
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-235",
      1
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
      "obj-235",
      2
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
      "obj-48",
      0
     ],
     "source": [
      "obj-235",
      4
     ]
    }
   },
   {
    "patchline": {
     "destination": [
      "obj-232",
      0
     ],
     "source": [
      "obj-235",
      3
     ]
    }
   }
  ]
 }
}
