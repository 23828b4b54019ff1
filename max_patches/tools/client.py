"""audioldm.client: every OSC message to and from the engine goes through this abstraction."""

from __future__ import annotations

from maxdsl import Patch
from package import ENGINE_PORT, REPLY_PORT


def client() -> Patch:
    """[audioldm.client REPLY_PORT HOST ENGINE_PORT]: requests in, this client's events out.

    Arguments (defaults 18001 127.0.0.1 18000): the UDP port it listens on (sent as reply_port with
    every request), the engine's host and OSC port.
    In:  generate <field value…> | cancel | ping | status | history <field value…> | host <name> | port <n> |
         reply_port <n>
    Out: id <job id> | accepted <job id> <position> | started <job id> | progress <job id> <step> <total> |
         done <job id> <path…> | cancelled <job id> | error <job id> <code> <message> |
         engine ready | engine absent | status <key value…> |
         history entry <n> created <t> prompt <p> path <file> seconds <s> seed <n> missing 0|1 | history_end count <n>
    Job events are passed only for the latest request's id; errors always (but not the engine's
    not_cancellable refusal: the job's own final event says how it ended). cancel is sent only while
    the latest job runs (from the request to its done, cancelled or error).
    """
    p = Patch(1100, 760, presentation=True)
    p.comment("audioldm.client — every OSC message to and from the engine goes through here. Arguments: the UDP "
              f"port this client listens on (sent as reply_port with every request), the engine's host and port "
              f"(defaults {REPLY_PORT} 127.0.0.1 {ENGINE_PORT}). It has no controls: its help shows how to use it, "
              "the patching view (the toolbar's presentation button) its wiring.", 20, 10, 640, 60, panel=(20, 10))
    inlet = p.box("inlet", 20, 80, 30, 30,
                  comment="generate <field value…>, cancel, ping, status, history <field value…>, host <name>, "
                  "port <n>, reply_port <n>")
    route = p.obj("route generate cancel ping status host port reply_port history", 20, 120, 440)
    p.wire(inlet, 0, route)
    args = p.obj(f"patcherargs {REPLY_PORT} 127.0.0.1 {ENGINE_PORT}", 440, 80, 220)  # here: the box's arguments
    udpsend = p.obj(f"udpsend 127.0.0.1 {ENGINE_PORT}", 20, 260)  # host and port set from the arguments
    receive = p.obj("udpreceive #1", 20, 320)
    outlet = p.box("outlet", 20, 440, 30, 30, comment="events of this client's current job, engine ready/absent")

    with p.group("address", 440, 170, "The arguments, then host/port/reply_port messages: where requests go (udpsend), "
                 "where replies come in (udpreceive), the reply port every request names; after each, a ping."):
        args_t = p.obj("t b l", 560, 80)
        args_split = p.obj("unpack 0 s 0", 600, 110)
        host_msg = p.msg("host $1", 700, 240)
        port_msg = p.msg("port $1", 780, 240)
        reply_set = p.obj("t i i", 560, 150)  # the reply port: udpreceive listens there, every request names it
        listen_msg = p.msg("port $1", 860, 240)
        load_t = p.obj("t b b", 560, 240)
        host_t = p.obj("t b l", 460, 130)
        port_t = p.obj("t b l", 520, 180)
        reply_t = p.obj("t b i", 580, 210)
    p.wire(args, 0, args_t, port="the arguments: reply port, host, port")
    p.wire(args_t, 1, args_split)
    p.wire(args_split, 2, port_msg)
    p.wire(args_split, 1, host_msg)
    p.wire(args_split, 0, reply_set)
    p.wire(host_msg, 0, udpsend, port="host <name>, port <n>: the engine's address")
    p.wire(port_msg, 0, udpsend, port="host <name>, port <n>: the engine's address")
    p.wire(reply_set, 1, listen_msg)
    p.wire(listen_msg, 0, receive, port="port <n>: where replies come in")
    p.wire(route, 4, host_t, port="host <name>")
    p.wire(host_t, 1, host_msg)
    p.wire(route, 5, port_t, port="port <n>")
    p.wire(port_t, 1, port_msg)
    p.wire(route, 6, reply_t, port="reply_port <n>")
    p.wire(reply_t, 1, reply_set)

    with p.group("request", 20, 190, "Requests: generate gets the next id j-<n>-<port>-<session> (the session is random "
                 "per load, so a reopened patch or a second Max never reuses an id the engine knows: a known id is "
                 "replayed, not rerun) and reply_port; cancel goes out only while the latest job runs — the gate opens "
                 "with a request and closes with its end; status."):
        reply_port = p.obj("t i i i i", 300, 20, 180)  # the reply port, to everything that names it
        session = p.obj("random 1000000", 600, 270)
        session_t = p.obj("t i i", 600, 300)
        request_t = p.obj("t a b", 20, 130)
        count = p.obj("i 1", 120, 170)
        count_t = p.obj("t i i i", 120, 200)
        plus = p.obj("+ 1", 220, 230)
        make_id = p.obj("sprintf symout j-%ld-%ld-%ld", 120, 270, 220)
        id_t = p.obj("t s s s b", 120, 310, 140)
        tail_pack = p.obj("pack s #1", 300, 350)
        tail = p.msg("id $1 reply_port $2", 300, 380)
        join = p.obj("zl join", 20, 420)
        address = p.obj("prepend /audioldm/generate", 20, 460)
        id_out = p.msg("id $1", 120, 350)
        running = p.obj("gate", 420, 420)
        opened = p.msg("1", 420, 390)
        ended = p.msg("0", 520, 390)
        current = p.obj("zl reg", 420, 460)  # the latest job's id
        cancel_pack = p.obj("pack s #1", 420, 500)
        cancel = p.msg("/audioldm/cancel $1 reply_port $2", 420, 540)
        status_port = p.obj("i #1", 700, 470)
        status = p.msg("/audioldm/status reply_port $1", 700, 540)
    p.wire(args_t, 0, load_t)
    p.wire(load_t, 1, session, port="loaded: a new session")
    p.wire(reply_set, 0, reply_port, port="the reply port")
    p.wire(session, 0, session_t)
    p.wire(session_t, 1, make_id, 2)
    p.wire(reply_port, 3, make_id, 1)
    p.wire(route, 0, request_t, port="generate <field value…>")
    p.wire(request_t, 1, count)
    p.wire(count, 0, count_t)
    p.wire(count_t, 2, plus)
    p.wire(plus, 0, count, 1)
    p.wire(count_t, 0, make_id, 0)
    p.wire(make_id, 0, id_t)
    p.wire(reply_port, 2, tail_pack, 1)
    p.wire(id_t, 1, tail_pack, 0)
    p.wire(tail_pack, 0, tail)
    p.wire(tail, 0, join, 1)
    p.wire(request_t, 0, join, 0)
    p.chain(join, address)
    p.wire(address, 0, udpsend, port="/audioldm/generate, /cancel, /status")
    p.wire(id_t, 0, id_out)
    p.wire(id_t, 3, opened)
    p.wire(opened, 0, running, 0)
    p.wire(ended, 0, running, 0)
    p.wire(id_t, 2, current, 1)
    p.wire(route, 1, running, 1, port="cancel")
    p.wire(running, 0, current)
    p.wire(current, 0, cancel_pack)
    p.wire(reply_port, 1, cancel_pack, 1)
    p.chain(cancel_pack, cancel)
    p.wire(cancel, 0, udpsend, port="/audioldm/generate, /cancel, /status")
    p.wire(route, 3, status_port, port="status")
    p.wire(reply_port, 0, status_port, 1)
    p.chain(status_port, status)
    p.wire(status, 0, udpsend, port="/audioldm/generate, /cancel, /status")
    p.wire(id_out, 0, outlet, port="id <job id>")

    with p.group("ping", 240, 190, "Ping on load and when the address changes: engine ready when the pong comes, "
                 "engine absent after 2 s without one."):
        ping_t = p.obj("t b b", 20, 20)
        ping_port = p.obj("i #1", 20, 60)
        ping = p.msg("/audioldm/ping reply_port $1", 20, 100)
        timeout = p.obj("delay 2000", 240, 100)
        absent = p.msg("engine absent", 240, 140)
        pong_t = p.obj("t b b", 360, 20)
        stop = p.msg("stop", 420, 60)
        ready = p.msg("engine ready", 360, 140)
    p.wire(load_t, 0, ping_t, port="ping: on load, after host/port/reply_port")
    p.wire(host_t, 0, ping_t, port="ping: on load, after host/port/reply_port")
    p.wire(port_t, 0, ping_t, port="ping: on load, after host/port/reply_port")
    p.wire(reply_t, 0, ping_t, port="ping: on load, after host/port/reply_port")
    p.wire(ping_t, 1, timeout)
    p.wire(ping_t, 0, ping_port)
    p.wire(reply_set, 0, ping_port, 1, port="the reply port")
    p.chain(ping_port, ping)
    p.wire(ping, 0, udpsend, port="/audioldm/ping")
    p.wire(pong_t, 1, stop)
    p.wire(stop, 0, timeout)
    p.wire(pong_t, 0, ready)
    p.wire(ready, 0, outlet, port="engine ready, engine absent")
    p.wire(timeout, 0, absent)
    p.wire(absent, 0, outlet, port="engine ready, engine absent")

    with p.group("history", 680, 190, "history <field value…> (query, limit, since) → /audioldm/history <field "
                 "value…> reply_port PORT. Its replies — one /audioldm/history/entry per entry, then "
                 "/audioldm/history/end count N — go out as history <key value…> and history_end count N; every "
                 "other reply goes on to the job path."):
        history_fields = p.obj("zl join", 20, 20)
        history_port = p.msg("reply_port $1", 140, 0)
        history_out = p.obj("prepend /audioldm/history", 20, 50, 170)
        history_replies = p.obj("route /audioldm/history/entry /audioldm/history/end", 20, 760, 330)
        history_entry = p.obj("prepend history", 20, 1150)
        history_end = p.obj("prepend history_end", 200, 1150)
    p.wire(reply_set, 0, history_port, port="the reply port")
    p.wire(history_port, 0, history_fields, 1)
    p.wire(route, 7, history_fields, port="history <field value…>")
    p.chain(history_fields, history_out)
    p.wire(history_out, 0, udpsend, port="/audioldm/generate, /cancel, /status, /history")
    p.wire(history_replies, 0, history_entry)
    p.wire(history_replies, 1, history_end)
    p.wire(history_entry, 0, outlet, port="history <key value…>, history_end count N")
    p.wire(history_end, 0, outlet, port="history <key value…>, history_end count N")

    with p.group("replies", 20, 380, "Replies: pong and status by address; errors go out, all but not_cancellable "
                 "(a refused cancel of a job that has just ended: its own final event says how); job events pass "
                 "only for the latest request — its id j-<n>-<port>-<session> is split at - into numbers "
                 "([fromsymbol], documented for symbols), the session compared with ours ([==]) and n with the latest "
                 "request's ([sel 0]: a single int argument, so its right inlet exists and takes the number). "
                 "done, cancelled and error end the latest job (the cancel gate closes)."):
        incoming = p.obj("t a a", 20, 790)  # every reply: to the job path (right), and by kind
        by_kind = p.obj("route /audioldm/pong /audioldm/status /audioldm/error", 20, 820, 360)
        status_out = p.obj("prepend status", 150, 860)
        error_t = p.obj("t a a", 270, 860)
        error_held = p.obj("zl reg", 270, 980)
        error_code = p.obj("zl mth 1", 270, 900)
        refused = p.obj("sel not_cancellable", 270, 930, 140)
        error_pass = p.obj("t b", 340, 955)
        error_out = p.obj("prepend error", 270, 1020)
        job_t = p.obj("t a a", 600, 840)
        held = p.obj("zl reg", 600, 1040)
        job_id = p.obj("zl mth 1", 680, 870)
        id_parts = p.obj("fromsymbol @separator -", 680, 900, 160)
        ours = p.obj("route j", 680, 930)
        numbers = p.obj("unpack 0 0 0", 680, 960)
        same_session = p.obj("== 0", 800, 990)
        in_session = p.obj("gate", 680, 1010)
        is_latest = p.obj("sel 0", 680, 1040)
        by_event = p.obj("route /audioldm/accepted /audioldm/started /audioldm/progress /audioldm/done "
                         "/audioldm/cancelled /audioldm/error", 600, 1080, 640)
        accepted = p.msg("accepted $1 $2", 600, 1120)
        started = p.msg("started $1", 720, 1120)
        progress = p.msg("progress $1 $2 $3", 810, 1120)
        done = p.obj("prepend done", 950, 1120)  # done <id> <path…>: as many paths as variations
        cancelled = p.msg("cancelled $1", 1060, 1120)
    p.wire(receive, 0, history_replies, port="OSC from the engine")
    p.wire(history_replies, 2, incoming)
    p.wire(incoming, 0, by_kind)
    p.wire(by_kind, 0, pong_t, port="pong")
    p.wire(by_kind, 1, status_out)
    p.wire(status_out, 0, outlet, port="the latest job's events, errors, status")
    p.wire(by_kind, 2, error_t)
    p.wire(error_t, 1, error_held, 1)
    p.wire(error_t, 0, error_code)
    p.wire(error_code, 0, refused)
    p.wire(refused, 1, error_pass)
    p.wire(error_pass, 0, error_held)
    p.wire(error_held, 0, error_out)
    p.wire(error_out, 0, outlet, port="the latest job's events, errors, status")
    p.wire(incoming, 1, job_t)
    p.wire(job_t, 1, held, 1)
    p.wire(job_t, 0, job_id)
    p.chain(job_id, id_parts, ours, numbers)
    p.wire(numbers, 2, same_session)
    p.wire(session_t, 0, same_session, 1, port="this load's session")
    p.wire(same_session, 0, in_session, 0)
    p.wire(numbers, 0, in_session, 1)
    p.wire(in_session, 0, is_latest)
    p.wire(count_t, 1, is_latest, 1, port="the latest request's n")
    p.wire(is_latest, 0, held)
    p.wire(held, 0, by_event)
    for i, box in enumerate((accepted, started, progress, done, cancelled)):
        p.wire(by_event, i, box)
        p.wire(box, 0, outlet, port="the latest job's events, errors, status")
    for i in (3, 4, 5):  # done, cancelled, error: the latest job has ended
        p.wire(by_event, i, ended, port="the latest job ended: close the cancel gate")
    return p
