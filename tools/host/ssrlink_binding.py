"""ctypes binding of libssrlink's C ABI (abi/include/ssrlink/ssrlink.h), as a Python host uses it.

This is a reference host: it shows the calls an SIS makes, in the order it makes them. Every
function is called exactly as the header documents: the library owns result buffers, the host
frees them with ssrlink_buffer_free, and one plugin handle is shared by every thread.
"""

import ctypes
import json
import threading
import time

LOG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int32, ctypes.c_char_p, ctypes.c_size_t)
NOW_FN = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p)
PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t)

LOG_LEVELS = {0: "debug", 1: "info", 2: "warning", 3: "error"}

# ssrlink_host.flags bits (added in 1.1). Python needs none: ctypes callbacks take the GIL on
# whatever thread calls them, so the library's own threads may log directly.
HOST_CALLBACKS_ON_CALLER_THREAD = 1


class Host(ctypes.Structure):
    """ssrlink_host: struct_size first; fields only ever appended."""

    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("context", ctypes.c_void_p),
        ("log", LOG_FN),
        ("now_ms", NOW_FN),
        ("progress", PROGRESS_FN),
        ("flags", ctypes.c_uint32),  # appended in 1.1
    ]


class SsrlinkError(Exception):
    def __init__(self, status_name, message):
        super().__init__(f"{status_name}: {message}")
        self.status_name = status_name
        self.message = message


class Ssrlink:
    """One loaded library and one open plugin handle."""

    CAPABILITIES = ("reports", "credentials_put", "credentials_status", "test_connection",
                    "sweep", "credentials_reseal", "notifications_list", "notification_queue",
                    "check_mapping", "ets_probe", "settings_get", "settings_put")

    def __init__(self, library_path, config, log=None, now_ms=None, progress=None, flags=0):
        self._lib = ctypes.CDLL(library_path)
        lib = self._lib
        lib.ssrlink_abi_version.restype = ctypes.c_uint32
        lib.ssrlink_status_name.restype = ctypes.c_char_p
        lib.ssrlink_status_name.argtypes = [ctypes.c_int]
        lib.ssrlink_open.argtypes = [ctypes.POINTER(Host), ctypes.c_char_p,
                                     ctypes.POINTER(ctypes.c_void_p),
                                     ctypes.POINTER(ctypes.c_void_p)]
        lib.ssrlink_close.argtypes = [ctypes.c_void_p]
        lib.ssrlink_buffer_data.restype = ctypes.c_void_p
        lib.ssrlink_buffer_data.argtypes = [ctypes.c_void_p]
        lib.ssrlink_buffer_size.restype = ctypes.c_size_t
        lib.ssrlink_buffer_size.argtypes = [ctypes.c_void_p]
        lib.ssrlink_buffer_free.argtypes = [ctypes.c_void_p]
        for name in self.CAPABILITIES:
            fn = getattr(lib, "ssrlink_" + name, None)
            if fn is not None:
                fn.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        self.abi_version = lib.ssrlink_abi_version()
        if self.abi_version != 1:
            raise SsrlinkError("ABI", f"this host speaks ABI 1, the library {self.abi_version}")

        # The callbacks must outlive the plugin: keep references on self.
        self._log_cb = LOG_FN(self._on_log) if log else LOG_FN()
        self._now_cb = NOW_FN(lambda _ctx: int(now_ms())) if now_ms else NOW_FN()
        self._progress_cb = PROGRESS_FN(self._on_progress) if progress else PROGRESS_FN()
        self._log, self._progress = log, progress
        host = Host(ctypes.sizeof(Host), None, self._log_cb, self._now_cb, self._progress_cb,
                    flags)
        plugin = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = lib.ssrlink_open(ctypes.byref(host), json.dumps(config).encode(),
                                  ctypes.byref(plugin), ctypes.byref(error))
        if status != 0:
            raise SsrlinkError(self.status_name(status), self._take(error).get("error"))
        self._plugin = plugin
        self._lock = threading.Lock()

    def _on_log(self, _ctx, level, message, length):
        self._log(LOG_LEVELS.get(level, str(level)), message[:length].decode("utf-8", "replace"))

    def _on_progress(self, _ctx, text, length):
        self._progress(json.loads(text[:length].decode("utf-8")))

    def status_name(self, status):
        return self._lib.ssrlink_status_name(status).decode()

    def _take(self, buffer):
        """Reads a result buffer as JSON and frees it."""
        if not buffer.value:
            return {}
        try:
            size = self._lib.ssrlink_buffer_size(buffer)
            data = ctypes.string_at(self._lib.ssrlink_buffer_data(buffer), size)
            return json.loads(data.decode("utf-8"))
        finally:
            self._lib.ssrlink_buffer_free(buffer)

    def call(self, capability, request):
        """Calls one capability; returns (status name, result JSON). Thread-safe."""
        if capability not in self.CAPABILITIES:
            raise ValueError(capability)
        out = ctypes.c_void_p()
        started = time.perf_counter()
        status = getattr(self._lib, "ssrlink_" + capability)(
            self._plugin, json.dumps(request).encode(), ctypes.byref(out))
        result = self._take(out)
        result.setdefault("_elapsed_ms", round((time.perf_counter() - started) * 1000, 2))
        return self.status_name(status), result

    def close(self):
        if self._plugin:
            self._lib.ssrlink_close(self._plugin)
            self._plugin = None
