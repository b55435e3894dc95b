""""Run now" of the Configure processing page: one sweep at a time per host process, in a
background thread, with its progress as the library reports it.

The library calls ssrlink_host.progress on the thread that called ssrlink_sweep after every batch
(docs/abi.md, ssrlink_sweep), with the counts so far; the binding is opened with on_progress as
that callback, so this object must exist before the plugin is opened. ctypes releases the GIL
for the call, so the web page keeps answering (its progress page reads snapshot()) while the
sweep runs. Only sweeps started here report to this object: the web host makes no other.
"""

import threading
import time


class SweepRunner:
    def __init__(self):
        self._lock = threading.Lock()
        self._state = {"state": "idle"}

    def on_progress(self, progress):
        """The library's progress callback: the counts after a batch."""
        with self._lock:
            if self._state.get("state") == "running":
                self._state["progress"] = progress

    def start(self, plugin, request, total_students):
        """Starts the sweep in a thread; False when one started here is still running."""
        with self._lock:
            if self._state.get("state") == "running":
                return False
            self._state = {"state": "running", "progress": {}, "total": total_students,
                           "started": time.monotonic(), "actor": request["actor"]["user_id"]}
        threading.Thread(target=self._run, args=(plugin, request), name="ssrlink-sweep",
                         daemon=True).start()
        return True

    def _run(self, plugin, request):
        try:
            status, result = plugin.call("sweep", request)
        except Exception as error:  # the thread reports, never dies silently
            status, result = "host error", {"error": str(error)}
        with self._lock:
            seconds = round(time.monotonic() - self._state["started"], 1)
            if status == "SSRLINK_OK":
                self._state.update(state="done", result=result, seconds=seconds)
            else:
                self._state.update(state="failed", seconds=seconds,
                                   error=result.get("error") or status)

    def snapshot(self):
        """A copy of the state: idle, running (progress, total), done (result) or failed."""
        with self._lock:
            return dict(self._state)
