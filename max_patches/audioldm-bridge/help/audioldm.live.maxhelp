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
   420.0
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
      80.0
     ],
     "text": "audioldm.live \u2014 8 slots, each a prompt and a length in bars. Return in a prompt box renders it at once (priority live, loop 1, the transport's tempo and signature). A MIDI note (60\u201367) or the slot's play button starts it at the next bar ([metro 1n @quantize 1n]); it loops in sync ([groove~] loop 1, loopinterp 1). evolve renders a new seed in the background lane; the new take swaps in at the next bar. panic stops all and cancels renders."
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
      95.0,
      860.0,
      40.0
     ],
     "text": "Each slot listens on its own port (7411\u20137418) and shows empty / queued / rendering n/N / ready / error. Start the Max transport (the toggle) for the bar clock."
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
     "id": "obj-3",
     "lockeddragscroll": 0,
     "maxclass": "bpatcher",
     "name": "audioldm.live.maxpat",
     "numinlets": 0,
     "numoutlets": 0,
     "offset": [
      0.0,
      0.0
     ],
     "patching_rect": [
      20.0,
      140.0,
      860.0,
      260.0
     ],
     "viewvisibility": 1
    }
   }
  ],
  "lines": []
 }
}
