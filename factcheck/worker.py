"""A second process that extracts a few documents while this one does everything else.

A pre-commit hook's run re-extracts one edited document of a large cached corpus. Importing spaCy
for it costs about as much as the whole rest of the run, so it happens in a forked process, at the
same time as loading the corpus, reading the claim cache and running the checks that need no claims.
The process can be started before anything is known about the run (:func:`start`, called by the
command line as its first step): it imports spaCy and builds the English pipeline at once, then
waits for its documents. If there is nothing to extract it is killed.

Only the standard library is imported here, so starting the process costs nothing: the child
imports the extractor. Claims come back pickled through a pipe; a child that dies or sends garbage
only costs speed (:meth:`ExtractorProcess.result` returns None and the caller extracts locally).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.knowledge import Knowledge
    from factcheck.model import Claim, Document


def available() -> bool:
    """A forked extractor can run here: Linux (fork is safe only there) with two cores or more."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2 and hasattr(os, "fork")


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _warm_up() -> None:
    """Import spaCy and the English extractor and build the pipeline's language-only part."""
    from factcheck.extract import en, pipeline

    del en
    pipeline.prepare_nlp()


def _serve(tasks: int, results: int) -> None:
    """The child: warm up while a thread reads the task, then extract and send the claims back."""
    received: list[bytes] = []
    # The parent may write more than a pipe holds while this process is still importing spaCy.
    reader = threading.Thread(target=lambda: received.append(_read_all(tasks)), daemon=True)
    reader.start()
    # Importing spaCy makes a few hundred thousand objects that live as long as this process: collecting
    # while it imports only traverses them again and again (about 5 % of the import).
    gc.disable()
    _warm_up()
    gc.enable()
    reader.join()
    if not received or not received[0]:
        return  # nothing to do: the parent closed the pipe without a task
    documents, knowledge = pickle.loads(received[0])
    from factcheck.extract import extract_document

    claims = [extract_document(document, knowledge) for document in documents]
    _write_all(results, pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL))


class ExtractorProcess:
    """A forked child that extracts the documents it is given (:meth:`submit`) and returns their claims."""

    def __init__(self) -> None:
        task_read, self._task_write = os.pipe()
        self._result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                os.close(self._task_write)
                os.close(self._result_read)
                # A Ctrl-C reaches the whole process group; the parent reports it, the child just ends.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _serve(task_read, result_write)
                status = 0
            except BaseException:  # any failure is the parent's to handle: it extracts the documents itself
                pass
            finally:
                os._exit(status)
        os.close(task_read)
        os.close(result_write)
        self.pid = pid
        self._submitted: int | None = None
        self._tasks_closed = False
        self._done = False

    def submit(self, documents: Sequence[Document], knowledge: Knowledge) -> bool:
        """Send the documents to extract (once); False if the child is gone."""
        if self._submitted is not None or self._done:
            return False
        payload = pickle.dumps((list(documents), knowledge), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(self._task_write, payload)
        except OSError:
            self.close()
            return False
        self._close_tasks()  # the end of the task: the child's reader sees end of file
        self._submitted = len(documents)
        return True

    def result(self) -> list[tuple[Claim, ...]] | None:
        """The claims of the submitted documents, in order (waits for them); None if the child failed."""
        if self._submitted is None or self._done:
            self.close()
            return None
        try:
            data = _read_all(self._result_read)
            claims: Any = pickle.loads(data) if data else None
        except Exception:  # a child that died mid-write leaves a truncated pickle
            claims = None
        self._finish(kill=False)
        if not isinstance(claims, list) or len(claims) != self._submitted:
            return None
        return claims

    def _close_tasks(self) -> None:
        if not self._tasks_closed:
            self._tasks_closed = True
            os.close(self._task_write)

    def close(self) -> None:
        """Stop the child (if it is still running) and release its pipes."""
        self._finish(kill=True)

    def _finish(self, kill: bool) -> None:
        if self._done:
            return
        self._done = True
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self._close_tasks()
        os.close(self._result_read)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start() -> ExtractorProcess | None:
    """A warming extractor process, or None where one cannot run (or could not be started)."""
    if not available():
        return None
    try:
        return ExtractorProcess()
    except OSError:
        return None
