"""A TCP forwarder a test can cut and restore: the database « goes away » for the portal
(its connections die, new ones are refused) and comes back, while the real server runs on."""

import socket
import threading

POLL_SECONDS = 0.05


class TcpForwarder:
    def __init__(self, target_host, target_port):
        self.target = (target_host, int(target_port))
        self.port = None
        self._listener = None
        self._stopping = threading.Event()
        self._sockets = set()
        self._lock = threading.Lock()
        self._threads = []

    @property
    def running(self):
        return self._listener is not None

    def start(self):
        """Listen (on the same port as before, after a stop) and forward to the target."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen()
        listener.settimeout(POLL_SECONDS)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stopping.clear()
        self._spawn(self._accept, listener)

    def stop(self):
        """Refuse new connections and cut the live ones, as a database that went down."""
        self._stopping.set()
        self._threads[0].join(timeout=5)  # the accept loop: no connection is added after it
        self._listener.close()
        self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pipes blocked in recv()
            except OSError:
                pass
        for thread in self._threads[1:]:
            thread.join(timeout=5)
        for sock in sockets:
            sock.close()
        self._threads = []

    def _spawn(self, target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener):
        while not self._stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            server.settimeout(None)
            with self._lock:
                self._sockets.update((client, server))
            self._spawn(self._pipe, client, server)
            self._spawn(self._pipe, server, client)

    def _pipe(self, source, destination):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                break
            try:
                destination.sendall(data)
            except OSError:
                return
        try:
            destination.shutdown(socket.SHUT_WR)
        except OSError:
            pass
