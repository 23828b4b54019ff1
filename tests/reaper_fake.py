"""A fake REAPER for running the real ReaScripts under real Lua 5.4 (lupa).

Every `reaper.*` function the scripts call is implemented here as REAPER's API documentation
describes it (signatures, multiple return values, 0-based measures, beats in 1/D notes of the
signature in effect); calling anything else fails the test with the function's name. The project
holds tracks, items, takes and sources (WAV headers really read), a tempo map with tempo and
time-signature changes, ExtState, a time selection and an edit cursor. `ExecProcess` really
launches the command line, without waiting, split the way the platform does. `defer` callbacks
are run by `run_defer`, which times each one.
"""

from __future__ import annotations

import os
import struct
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from lupa.lua54 import LuaRuntime

IDYES, IDNO, IDOK = 6, 7, 1


class FakeFailure(AssertionError):
    pass


# --- command lines as REAPER's ExecProcess splits them --------------------------------------------


def split_windows(line: str) -> list[str]:
    """CommandLineToArgvW: quotes group, backslashes are literal unless they precede a quote."""
    args, current, in_quotes, i, have = [], [], False, 0, False
    while i < len(line):
        c = line[i]
        if c == "\\":
            n = 0
            while i < len(line) and line[i] == "\\":
                n += 1
                i += 1
            if i < len(line) and line[i] == '"':
                current.append("\\" * (n // 2))
                if n % 2:
                    current.append('"')
                    i += 1
            else:
                current.append("\\" * n)
            have = True
            continue
        if c == '"':
            in_quotes = not in_quotes
            have = True
        elif c in " \t" and not in_quotes:
            if have:
                args.append("".join(current))
                current, have = [], False
        else:
            current.append(c)
            have = True
        i += 1
    if have:
        args.append("".join(current))
    return args


def split_quoted(line: str) -> list[str]:
    """REAPER's split on macOS/Linux (no shell): words, double quotes group, no escapes."""
    args, current, in_quotes, have = [], [], False, False
    for c in line:
        if c == '"':
            in_quotes, have = not in_quotes, True
        elif c in " \t" and not in_quotes:
            if have:
                args.append("".join(current))
                current, have = [], False
        else:
            current.append(c)
            have = True
    if in_quotes:
        raise FakeFailure(f"unbalanced quotes in command line {line!r}")
    if have:
        args.append("".join(current))
    return args


def read_extstate_ini(path: Path) -> dict[tuple[str, str], str]:
    """Persistent ExtState as REAPER loads it at start: reaper-extstate.ini in the resource folder,
    ``[section]`` then ``key=value`` lines (UTF-8; spaces around names and values dropped; the first
    of a repeated key counts)."""
    values: dict[tuple[str, str], str] = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return values
    section = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
        elif section is not None and "=" in line:
            key, value = line.split("=", 1)
            values.setdefault((section, key.strip()), value.strip())
    return values


# --- tempo map ---------------------------------------------------------------------------------


class TempoMap:
    """Constant-tempo segments (tempo changes at any quarter-note position) and time signatures
    that change at bar lines. REAPER's BPM counts quarter notes; a bar of N/D is N·4/D QN."""

    def __init__(self, tempos=((0.0, 120.0),), signatures=((0, 4, 4),)):
        self.tempos = sorted((float(qn), float(bpm)) for qn, bpm in tempos)
        self.signatures = sorted(signatures)
        assert self.tempos[0][0] == 0 and self.signatures[0][0] == 0

    def signature(self, measure: int):
        num, den = 4, 4
        for start, n, d in self.signatures:
            if start <= measure:
                num, den = n, d
        return num, den

    def measure_qn(self, measure: int) -> float:
        qn = 0.0
        for m in range(measure):
            num, den = self.signature(m)
            qn += num * 4 / den
        return qn

    def measure_at_qn(self, qn: float) -> int:
        m = 0
        while self.measure_qn(m + 1) <= qn:
            m += 1
        return m

    def qn_to_time(self, qn: float) -> float:
        t, points = 0.0, self.tempos + [(float("inf"), 0.0)]
        for (start, bpm), (stop, _) in zip(points, points[1:]):
            if qn <= stop:
                return t + (qn - start) * 60.0 / bpm
            t += (stop - start) * 60.0 / bpm
        raise AssertionError

    def time_to_qn(self, t: float) -> float:
        elapsed, points = 0.0, self.tempos + [(float("inf"), 0.0)]
        for (start, bpm), (stop, _) in zip(points, points[1:]):
            span = (stop - start) * 60.0 / bpm
            if t <= elapsed + span:
                return start + (t - elapsed) * bpm / 60.0
            elapsed += span
        raise AssertionError

    def bpm_at_qn(self, qn: float) -> float:
        return [bpm for start, bpm in self.tempos if start <= qn][-1]


# --- project objects ----------------------------------------------------------------------------


@dataclass(eq=False)
class Source:
    """A file source (WAVE), or with ``parent`` a section/reverse wrapper of one (REAPER's SECTION
    type: ``section`` = offset, length, reversed), or a source with no file (MIDI in the project,
    EMPTY…: ``path`` "")."""

    path: str
    rate: int
    channels: int
    frames: int
    destroyed: bool = False
    kind: str = "WAVE"
    parent: "Source | None" = None
    section: tuple[float, float, bool] | None = None

    @classmethod
    def section_of(cls, parent: "Source", offset: float, length: float, reversed_: bool = False) -> "Source":
        return cls(path="", rate=parent.rate, channels=parent.channels, frames=round(length * parent.rate),
                   kind="SECTION", parent=parent, section=(offset, length, reversed_))

    @classmethod
    def without_file(cls, kind: str) -> "Source":
        return cls(path="", rate=0, channels=0, frames=0, kind=kind)

    def length(self) -> float:
        if self.section is not None:
            return self.section[1]
        return self.frames / self.rate if self.rate else 0.0


# Take properties the scripts read or set (GetMediaItemTakeInfo_Value names), with REAPER's defaults.
# I_CHANMODE: 0 normal, 1 reverse stereo, 2 downmix, 3 left, 4 right (REAPER's take properties).
TAKE_VALUES = {"D_STARTOFFS": 0.0, "D_PLAYRATE": 1.0, "D_VOL": 1.0, "D_PAN": 0.0, "D_PITCH": 0.0, "B_PPITCH": 0.0,
               "I_CHANMODE": 0}


@dataclass(eq=False)
class Take:
    item: "Item"
    source: Source | None = None
    name: str = ""
    values: dict = field(default_factory=lambda: dict(TAKE_VALUES))
    stretch_markers: list = field(default_factory=list)  # (position in the item, source position)


@dataclass(eq=False)
class Item:
    track: "Track"
    position: float = 0.0
    length: float = 0.0
    loop_source: int = 1  # REAPER's default for new items
    selected: bool = False
    takes: list = field(default_factory=list)
    active: Take | None = None


@dataclass(eq=False)
class Track:
    name: str = ""
    selected: bool = False
    items: list = field(default_factory=list)


def read_wav_header(path: str) -> Source | None:
    """RIFF/WAVE fmt and data chunks → rate, channels, frames (PCM, float and extensible)."""
    try:
        with open(path, "rb") as f:
            riff, _, wave = struct.unpack("<4sI4s", f.read(12))
            if riff != b"RIFF" or wave != b"WAVE":
                return None
            fmt = None
            while True:
                head = f.read(8)
                if len(head) < 8:
                    return None
                chunk, size = struct.unpack("<4sI", head)
                if chunk == b"fmt ":
                    body = f.read(size)
                    _tag, channels, rate, _rate_bytes, block_align, _bits = struct.unpack("<HHIIHH", body[:16])
                    fmt = (channels, rate, block_align)
                elif chunk == b"data":
                    if fmt is None:
                        return None
                    channels, rate, block_align = fmt
                    return Source(path=path, rate=rate, channels=channels, frames=size // block_align)
                else:
                    f.seek(size + (size & 1), os.SEEK_CUR)
    except OSError:
        return None


# --- the fake ------------------------------------------------------------------------------------


class FakeReaper:
    def __init__(self, tmp: Path, os_name: str = "Other", tempo_map: TempoMap | None = None,
                 project_rate: int | None = None, device_rate: int | None = 44100, project_file: str = "",
                 resource_path: Path | None = None):
        self.tmp = Path(tmp)
        # REAPER's resource folder (GetResourcePath); its reaper-extstate.ini is read at start, as REAPER does
        self.resource_path = Path(resource_path) if resource_path is not None else self.tmp
        self.os_name = os_name
        self.tempo_map = tempo_map or TempoMap()
        self.project_rate = project_rate
        self.device_rate = device_rate
        self.project_file = project_file
        self.media_path = str(self.tmp / "REAPER Media")
        self.cursor = 0.0
        self.selection = (0.0, 0.0)
        self.ext_state: dict[tuple[str, str], str] = read_extstate_ini(self.resource_path / "reaper-extstate.ini")
        self.tracks: list[Track] = []
        self.dialog_answers: list = []  # each: list of strings (OK) or None (Cancel)
        self.dialogs: list[dict] = []
        self.mb_answers: list[int] = []
        self.messages: list[tuple[str, int]] = []
        self.processes: list[tuple[list[str], subprocess.Popen]] = []
        self.deferred: list = []
        self.tick_times: list[float] = []
        self.undo_depth = 0
        self.undo_blocks: list[str] = []
        self.undo_begins = 0
        self.refresh_depth = 0
        self.arrange_updates = 0
        self.commands: list[int] = []
        self.missing: list[str] = []
        self.clock_offset = 0.0
        self.gfx_open = False
        self.gfx_text: list[str] = []
        self.gfx_chars: list[int] = []
        self.menus: list[list[dict]] = []  # every menu shown (gfx.showmenu), its items parsed
        self.menu_answers: list = []  # each: the item's text (choose it), 0 (dismiss), or callable(items)
        self.mouse = (400, 300)  # screen coordinates (GetMousePosition)
        self.lua = LuaRuntime(unpack_returned_tuples=True)
        self._install()

    # -- installation into Lua ------------------------------------------------------------------

    API = [
        "MB", "GetOS", "HasExtState", "GetExtState", "SetExtState", "file_exists", "GetUserInputs",
        "TimeMap2_timeToBeats", "TimeMap2_beatsToTime", "TimeMap_GetMeasureInfo", "TimeMap2_timeToQN",
        "TimeMap2_QNToTime", "GetSet_LoopTimeRange", "GetSetProjectInfo", "GetAudioDeviceInfo", "EnumProjects",
        "GetProjectPathEx", "ExecProcess", "RecursiveCreateDirectory", "time_precise", "defer",
        "PCM_Source_CreateFromFile", "PCM_Source_Destroy", "GetMediaSourceLength", "GetMediaSourceSampleRate",
        "GetMediaSourceNumChannels", "GetMediaSourceFileName", "AddTakeToMediaItem", "SetMediaItemTake_Source",
        "GetSetMediaItemTakeInfo_String", "SetActiveTake", "GetActiveTake", "GetMediaItemTake_Source",
        "SelectAllMediaItems", "SetMediaItemSelected", "PreventUIRefresh", "Main_OnCommand", "UpdateArrange",
        "Undo_BeginBlock2", "Undo_EndBlock2", "ValidatePtr2", "CountTracks", "InsertTrackAtIndex", "GetTrack",
        "GetSetMediaTrackInfo_String", "AddMediaItemToTrack", "SetMediaItemInfo_Value", "GetCursorPosition",
        "GetSelectedTrack", "GetSelectedMediaItem", "CountSelectedMediaItems", "GetMediaItemInfo_Value",
        "GetMediaItemTakeInfo_Value", "SetMediaItemTakeInfo_Value", "TakeIsMIDI", "GetTakeNumStretchMarkers", "GetMediaSourceType",
        "GetMediaSourceParent", "PCM_Source_GetSectionInfo", "GetResourcePath", "GetMousePosition",
        "GetMediaSourceParent", "PCM_Source_GetSectionInfo", "GetResourcePath", "GetMediaItem_Track",
        "GetMediaTrackInfo_Value",
    ]

    def _install(self):
        lua = self.lua
        missing = self._missing
        make_strict = lua.eval("""
            function(name, impl, record)
              return setmetatable(impl, {__index = function(_, key)
                record(name .. "." .. tostring(key))
                error("fake REAPER: " .. name .. "." .. tostring(key) .. " is not implemented", 2)
              end})
            end""")
        api = lua.table()
        for name in self.API:
            api[name] = getattr(self, name)
        lua.globals().reaper = make_strict("reaper", api, missing)
        gfx = lua.table(w=0.0, h=0.0, x=0.0, y=0.0, mouse_x=0.0, mouse_y=0.0, mouse_cap=0.0)  # floats, as in REAPER
        for name in ("init", "quit", "setfont", "set", "rect", "drawstr", "measurestr", "getchar", "update",
                     "showmenu"):
            gfx[name] = getattr(self, "gfx_" + name)
        self.gfx = gfx
        lua.globals().gfx = make_strict("gfx", gfx, missing)
        # These wait for the child process: inside REAPER they freeze the UI.
        lua.execute("""
            os.execute = function() error("os.execute blocks REAPER's UI: use reaper.ExecProcess(cmd, -2)", 2) end
            io.popen = function() error("io.popen blocks REAPER's UI: use reaper.ExecProcess(cmd, -2)", 2) end""")

    def _missing(self, name):
        self.missing.append(name)

    def _mutating(self, what):
        if self.undo_depth != 1:
            raise FakeFailure(f"{what} outside one open undo block (depth {self.undo_depth})")

    # -- running scripts ---------------------------------------------------------------------------

    def run_script(self, path: Path):
        self.lua.globals().dofile(str(path))

    def run_defer(self, timeout: float = 60.0, on_tick=None, max_tick_s: float = 0.1):
        """Run deferred callbacks (~100 Hz) until the script stops deferring."""
        end = time.monotonic() + timeout
        while self.deferred:
            batch, self.deferred = self.deferred, []
            for callback in batch:
                started = time.perf_counter()
                callback()
                elapsed = time.perf_counter() - started
                self.tick_times.append(elapsed)
                if elapsed > max_tick_s:
                    raise FakeFailure(f"a defer callback took {elapsed * 1000:.0f} ms (REAPER's UI would stall)")
            if on_tick is not None:
                on_tick(self)
            if time.monotonic() > end:
                raise FakeFailure(f"the script was still deferring after {timeout} s")
            time.sleep(0.01)
        if self.missing:
            raise FakeFailure(f"unimplemented API called: {self.missing}")

    def close(self):
        for _, proc in self.processes:
            if proc.poll() is None:
                proc.terminate()
        for _, proc in self.processes:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    # -- helpers for tests -------------------------------------------------------------------------

    def add_track(self, name="", selected=False) -> Track:
        track = Track(name=name, selected=selected)
        self.tracks.append(track)
        return track

    def all_items(self):
        return [item for track in self.tracks for item in track.items]

    def launched(self, word):
        return [argv for argv, _ in self.processes if word in argv]

    def add_item(self, track: Track, source: Source | None, position: float, length: float | None = None,
                 selected: bool = True, **take_values) -> Item:
        """An item with one take playing ``source`` (its whole length unless ``length``)."""
        item = Item(track=track, position=position, selected=selected,
                    length=source.length() if length is None else length)
        if source is not None:
            take = Take(item=item, source=source, name="original")
            take.values.update(take_values)
            item.takes.append(take)
            item.active = take
        track.items.append(item)
        return item

    # -- API: messages, OS, ExtState, files --------------------------------------------------------

    def MB(self, msg, title, kind):
        self.messages.append((msg, kind))
        if kind == 0:
            return IDOK
        if kind == 4:
            if not self.mb_answers:
                raise FakeFailure(f"unexpected yes/no question: {msg}")
            return self.mb_answers.pop(0)
        raise FakeFailure(f"MB type {kind} not expected")

    def GetMousePosition(self):
        return self.mouse

    def GetOS(self):
        return self.os_name

    def GetResourcePath(self):
        return str(self.resource_path)  # no trailing separator

    def HasExtState(self, section, key):
        return (section, key) in self.ext_state

    def GetExtState(self, section, key):
        return self.ext_state.get((section, key), "")

    def SetExtState(self, section, key, value, persist):
        value = str(value)
        if "\n" in value or "\r" in value:
            raise FakeFailure(f"ExtState values cannot hold newlines ({key}={value!r})")
        self.ext_state[(section, key)] = value

    def file_exists(self, path):
        return os.path.isfile(path) and os.access(path, os.R_OK)

    def RecursiveCreateDirectory(self, path, ignored):
        os.makedirs(path, exist_ok=True)
        return 1

    def GetUserInputs(self, title, num_inputs, captions_csv, retvals_csv):
        """captions comma-separated with extra `extrawidth=N` / `separator=X` fields; values use X."""
        entries = captions_csv.split(",")
        separator = ","
        captions = []
        for entry in entries:
            if entry.startswith("separator="):
                separator = entry[len("separator="):] or ","
                if len(separator) != 1:
                    raise FakeFailure(f"separator must be one character, got {separator!r}")
            elif entry.startswith("extrawidth="):
                int(entry[len("extrawidth="):])
            else:
                captions.append(entry)
        if not 1 <= num_inputs <= 16 or len(captions) != num_inputs:
            raise FakeFailure(f"GetUserInputs: {num_inputs} inputs but captions {captions}")
        defaults = retvals_csv.split(separator)
        if len(defaults) > num_inputs:
            raise FakeFailure(f"GetUserInputs: more defaults than fields: {defaults}")
        self.dialogs.append({"title": title, "captions": captions, "defaults": defaults})
        if not self.dialog_answers:
            raise FakeFailure(f"unexpected dialog {title!r}")
        answer = self.dialog_answers.pop(0)
        if answer is None:
            return False, retvals_csv
        if callable(answer):
            answer = answer(captions, defaults)
        if len(answer) != num_inputs or any(separator in value for value in answer):
            raise FakeFailure(f"test answer {answer!r} does not fit {num_inputs} fields split by {separator!r}")
        return True, separator.join(answer)

    # -- API: time map -----------------------------------------------------------------------------

    def TimeMap2_timeToQN(self, proj, tpos):
        return self.tempo_map.time_to_qn(tpos)

    def TimeMap2_QNToTime(self, proj, qn):
        return self.tempo_map.qn_to_time(qn)

    def TimeMap2_timeToBeats(self, proj, tpos):
        """→ beats since measure start (1/D notes), measure (0-based), cml (N), fullbeats, cdenom."""
        tm = self.tempo_map
        qn = tm.time_to_qn(tpos)
        measure = tm.measure_at_qn(qn)
        num, den = tm.signature(measure)
        beats = (qn - tm.measure_qn(measure)) * den / 4
        full = sum(tm.signature(m)[0] for m in range(measure)) + beats
        return beats, measure, num, full, den

    def TimeMap2_beatsToTime(self, proj, tpos, measures=None):
        tm = self.tempo_map
        if measures is None:  # tpos counts beats from the project start
            measure = 0
            while tpos >= tm.signature(measure)[0]:
                tpos -= tm.signature(measure)[0]
                measure += 1
        else:
            measure = int(measures)
        num, den = tm.signature(measure)
        return tm.qn_to_time(tm.measure_qn(measure) + tpos * 4 / den)

    def TimeMap_GetMeasureInfo(self, proj, measure):
        """→ time of the measure start, qn_start, qn_end, timesig_num, timesig_denom, tempo."""
        tm = self.tempo_map
        qn_start = tm.measure_qn(int(measure))
        num, den = tm.signature(int(measure))
        return tm.qn_to_time(qn_start), qn_start, qn_start + num * 4 / den, num, den, tm.bpm_at_qn(qn_start)

    # -- API: project --------------------------------------------------------------------------------

    def GetCursorPosition(self):
        return self.cursor

    def GetSet_LoopTimeRange(self, is_set, is_loop, start, end, allow_autoseek):
        if is_set:
            self.selection = (start, end)
        return self.selection

    def GetSetProjectInfo(self, project, desc, value, is_set):
        if is_set:
            raise FakeFailure("the scripts only read project info")
        if desc == "PROJECT_SRATE_USE":
            return 1.0 if self.project_rate else 0.0
        if desc == "PROJECT_SRATE":
            return float(self.project_rate or 44100)
        raise FakeFailure(f"GetSetProjectInfo {desc} not faked")

    def GetAudioDeviceInfo(self, attribute):
        if attribute != "SRATE":
            raise FakeFailure(f"GetAudioDeviceInfo {attribute} not faked")
        if self.device_rate is None:
            return False, ""
        return True, str(self.device_rate)

    def EnumProjects(self, idx):
        if idx not in (-1, 0):
            return None, ""
        return "project", self.project_file

    def GetProjectPathEx(self, proj):
        return self.media_path

    def time_precise(self):
        return time.monotonic() + self.clock_offset

    def defer(self, callback):
        self.deferred.append(callback)

    def ExecProcess(self, cmdline, timeoutmsec):
        if timeoutmsec not in (-1, -2):
            raise FakeFailure(f"ExecProcess with timeout {timeoutmsec} waits: REAPER would freeze ({cmdline})")
        argv = split_windows(cmdline) if self.os_name.startswith("Win") else split_quoted(cmdline)
        log = open(self.tmp / f"process-{len(self.processes)}.log", "wb")
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        except OSError:
            return None  # "returns NULL on total failure"
        finally:
            log.close()
        self.processes.append((argv, proc))
        return ""

    # -- API: tracks, items, takes, sources -----------------------------------------------------------

    def CountTracks(self, proj):
        return len(self.tracks)

    def GetTrack(self, proj, idx):
        return self.tracks[idx] if 0 <= idx < len(self.tracks) else None

    def GetSelectedTrack(self, proj, idx):
        selected = [t for t in self.tracks if t.selected]
        return selected[idx] if 0 <= idx < len(selected) else None

    def InsertTrackAtIndex(self, idx, want_defaults):
        self._mutating("InsertTrackAtIndex")
        self.tracks.insert(idx, Track())

    def GetSetMediaTrackInfo_String(self, track, parm, value, set_new):
        if parm != "P_NAME":
            raise FakeFailure(f"track attribute {parm} not faked")
        if set_new:
            self._mutating("naming a track")
            track.name = value
        return True, track.name

    def GetMediaTrackInfo_Value(self, track, parm):
        if parm != "IP_TRACKNUMBER":
            raise FakeFailure(f"track attribute {parm} not faked")
        return float(self.tracks.index(track) + 1)  # 1-based; 0 would be none, -1 the master

    def GetMediaItem_Track(self, item):
        return item.track

    def ValidatePtr2(self, proj, pointer, kind):
        if kind == "MediaTrack*":
            return isinstance(pointer, Track) and pointer in self.tracks
        if kind == "MediaItem*":
            return isinstance(pointer, Item) and pointer in self.all_items()
        raise FakeFailure(f"ValidatePtr2 kind {kind} not faked")

    def AddMediaItemToTrack(self, track):
        self._mutating("AddMediaItemToTrack")
        item = Item(track=track)
        track.items.append(item)
        return item

    def SetMediaItemInfo_Value(self, item, parm, value):
        self._mutating(f"SetMediaItemInfo_Value {parm}")
        if parm == "D_POSITION":
            item.position = value
        elif parm == "D_LENGTH":
            item.length = value
        elif parm == "B_LOOPSRC":
            item.loop_source = int(value)
        else:
            raise FakeFailure(f"item attribute {parm} not faked")
        return True

    def GetSelectedMediaItem(self, proj, idx):
        selected = [i for i in self.all_items() if i.selected]
        return selected[idx] if 0 <= idx < len(selected) else None

    def CountSelectedMediaItems(self, proj):
        return sum(1 for i in self.all_items() if i.selected)

    def GetMediaItemInfo_Value(self, item, parm):
        if parm == "D_POSITION":
            return item.position
        if parm == "D_LENGTH":
            return item.length
        if parm == "B_LOOPSRC":
            return float(item.loop_source)
        raise FakeFailure(f"item attribute {parm} not faked")

    def SelectAllMediaItems(self, proj, selected):
        for item in self.all_items():
            item.selected = bool(selected)

    def SetMediaItemSelected(self, item, selected):
        item.selected = bool(selected)

    def AddTakeToMediaItem(self, item):
        self._mutating("AddTakeToMediaItem")
        take = Take(item=item)
        item.takes.append(take)
        if item.active is None:
            item.active = take
        return take

    def SetActiveTake(self, take):
        self._mutating("SetActiveTake")
        take.item.active = take

    def GetActiveTake(self, item):
        return item.active

    def GetMediaItemTakeInfo_Value(self, take, parm):
        if parm not in take.values:
            raise FakeFailure(f"take attribute {parm} not faked")
        return float(take.values[parm])

    def SetMediaItemTakeInfo_Value(self, take, parm, value):
        self._mutating(f"SetMediaItemTakeInfo_Value {parm}")
        if parm not in take.values:
            raise FakeFailure(f"take attribute {parm} not faked")
        if parm == "D_PLAYRATE" and value <= 0:
            raise FakeFailure(f"playrate must be positive, got {value}")
        take.values[parm] = float(value)
        return True

    def GetTakeNumStretchMarkers(self, take):
        return len(take.stretch_markers)

    def TakeIsMIDI(self, take):
        return take.source is not None and take.source.kind == "MIDI"

    def GetSetMediaItemTakeInfo_String(self, take, parm, value, set_new):
        if parm != "P_NAME":
            raise FakeFailure(f"take attribute {parm} not faked")
        if set_new:
            self._mutating("naming a take")
            take.name = value
        return True, take.name

    def PCM_Source_CreateFromFile(self, filename):
        return read_wav_header(filename)

    def PCM_Source_Destroy(self, source):
        source.destroyed = True

    def SetMediaItemTake_Source(self, take, source):
        self._mutating("SetMediaItemTake_Source")
        take.source = source
        return True

    def GetMediaItemTake_Source(self, take):
        return take.source

    def GetMediaSourceFileName(self, source, buf=None):
        return source.path  # "" for sections, MIDI in the project and other sources with no file

    def GetMediaSourceType(self, source, buf=None):
        return source.kind

    def GetMediaSourceParent(self, source):
        """The wrapped source of a section/reverse block, None for a root source."""
        return source.parent

    def PCM_Source_GetSectionInfo(self, source):
        """→ retval (a section/reverse block?), offset, length, reversed."""
        if source.section is None:
            return False, 0.0, 0.0, False
        offset, length, reversed_ = source.section
        return True, offset, length, reversed_

    def GetMediaSourceLength(self, source):
        return source.length(), False

    def GetMediaSourceSampleRate(self, source):
        return source.rate

    def GetMediaSourceNumChannels(self, source):
        return source.channels

    # -- API: undo and refresh -----------------------------------------------------------------------

    def Undo_BeginBlock2(self, proj):
        self.undo_depth += 1
        self.undo_begins += 1

    def Undo_EndBlock2(self, proj, description, extraflags):
        if self.undo_depth != 1:
            raise FakeFailure("Undo_EndBlock2 without a matching Undo_BeginBlock2")
        if self.refresh_depth != 0:
            raise FakeFailure("undo block closed while UI refresh is still prevented")
        self.undo_depth -= 1
        self.undo_blocks.append(description)

    def PreventUIRefresh(self, delta):
        self.refresh_depth += delta
        if self.refresh_depth < 0:
            raise FakeFailure("PreventUIRefresh(-1) without PreventUIRefresh(1)")

    def UpdateArrange(self):
        self.arrange_updates += 1

    def Main_OnCommand(self, command, flag):
        if command != 40047:  # Peaks: Build any missing peaks
            raise FakeFailure(f"action {command} not faked")
        self.commands.append(command)

    # -- gfx ------------------------------------------------------------------------------------------

    def gfx_init(self, name, w=0, h=0, *rest):
        self.gfx_open = True
        self.gfx.w, self.gfx.h = float(w), float(h)
        return 1

    def gfx_quit(self):
        self.gfx_open = False

    def gfx_setfont(self, *args):
        return None

    def gfx_set(self, *args):
        return None

    def gfx_rect(self, x, y, w, h, filled=1):
        return None

    def gfx_drawstr(self, text, *rest):
        if not self.gfx_open:
            raise FakeFailure("drawing without a gfx window")
        self.gfx_text.append(text)

    def gfx_measurestr(self, text):
        return 7.0 * len(text), 14.0

    def gfx_getchar(self, *args):
        if not self.gfx_open:
            return -1
        return float(self.gfx_chars.pop(0)) if self.gfx_chars else 0.0

    def gfx_update(self):
        return None

    def gfx_showmenu(self, menu):
        """A pop-up menu at gfx.x, gfx.y of the gfx window. Fields are separated by |; a field may start
        with # (grayed out), ! (checked), > (opens a submenu; not itself choosable) or < (the last item
        of the submenu); an empty field is a separator. Returns 0 (nothing chosen) or the number of the
        chosen item: 1 for the first choosable field, counting grayed items, not separators or
        submenu headings. The test answers with the item's text as shown (&& shows one &)."""
        if not self.gfx_open:
            raise FakeFailure("gfx.showmenu without a gfx window (REAPER shows the menu over one)")
        items, number = [], 0
        for field_ in menu.split("|"):
            flags = ""
            while field_[:1] in ("#", "!", ">", "<") and field_:
                flags += field_[0]
                field_ = field_[1:]
            if field_ == "" and not flags:
                items.append({"separator": True})
                continue
            entry = {"text": field_.replace("&&", "\0").replace("&", "").replace("\0", "&"),
                     "grayed": "#" in flags, "checked": "!" in flags, "submenu": ">" in flags}
            if not entry["submenu"]:
                number += 1
                entry["number"] = number
            items.append(entry)
        self.menus.append(items)
        if not self.menu_answers:
            raise FakeFailure(f"unexpected menu {[i.get('text') for i in items]}")
        answer = self.menu_answers.pop(0)
        if callable(answer):
            answer = answer(items)
        if answer == 0:
            return 0.0
        matches = [i for i in items if i.get("text") == answer and "number" in i]
        if len(matches) != 1:
            raise FakeFailure(f"the menu has no one item {answer!r}: {[i.get('text') for i in items]}")
        if matches[0]["grayed"]:
            raise FakeFailure(f"a grayed-out item cannot be chosen: {answer!r}")
        return float(matches[0]["number"])
