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
   400.0
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
      60.0
     ],
     "text": "audioldm.generator \u2014 a prompt, a length in bars (BPM and time signature from the Max transport, or typed), variations, seed and negative prompt; Generate renders, the result is loaded into [buffer~ audioldm.generator.take] and shown, play/stop/loop previews it."
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
      80.0,
      860.0,
      40.0
     ],
     "text": "Example: type  warm analog pad  in the prompt box, 2 bars, untick 'follow transport', type 100 BPM, press Generate: 2 \u00d7 4 \u00d7 60/100 s = 4.8 s = 230400 samples at 48 kHz."
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
      125.0,
      860.0,
      40.0
     ],
     "text": "Sends  generate prompt <text> bars <n> bpm <f> time_sig <N/D> variations <n> seed <n> [negative_prompt <text>]  to [audioldm.client 7401]; see its help for the OSC messages."
    }
   },
   {
    "box": {
     "args": [],
     "bgmode": 0,
     "border": 1,
     "clickthrough": 0,
     "enablehscroll": 1,
     "enablevscroll": 1,
     "id": "obj-4",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.generator.maxpat",
     "numinlets": 0,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      20.0,
      180.0,
      860.0,
      200.0
     ],
     "viewvisibility": 1
    }
   }
  ],
  "lines": []
 }
}
