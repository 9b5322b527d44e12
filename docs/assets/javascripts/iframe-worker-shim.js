/*
 * A Web Worker stand-in for pages opened from a folder (file://).
 *
 * Why: Material for MkDocs runs its search in a Web Worker
 * (`new Worker("…/workers/search.<hash>.min.js")`). Chromium and Firefox
 * refuse to start a worker from a file:// URL, so search would be dead when a
 * reader opens the site from a folder. Material's offline plugin fixes that by
 * adding the "iframe-worker" shim from a CDN, which would be the one request
 * this site makes to another host. This file replaces it (mkdocs.yml lists it
 * under extra.polyfills, whose name contains "iframe-worker", so the plugin
 * adds nothing).
 *
 * How: the worker script runs in a hidden, blank <iframe>. A blank frame made
 * by this page shares the page's origin, even under file://, so the page can
 * give the frame the few globals a worker script expects and load the script
 * into it with a plain <script src>, which file:// allows:
 *
 *   page -> worker   worker.postMessage(data) fires a "message" event on the
 *                    frame's window, so the script's addEventListener("message")
 *                    and onmessage see it;
 *   worker -> page   the frame's postMessage(data) fires a "message" event on
 *                    the stand-in, so Material's addEventListener("message")
 *                    and onmessage see it;
 *   importScripts    loads scripts one after the other and returns a Promise
 *                    (Material's worker awaits it; a real one is synchronous).
 *
 * Messages are copied with structuredClone, as a real worker would, and the
 * copy is made by the receiving side so its objects belong to that side.
 * Delivery is asynchronous (a task per message), as with a real worker.
 * The frame's code runs on the page's thread: enough for the site's small
 * search index. Over http(s) the browser's own Worker is left alone.
 *
 * The search worker looks for `parent.IFrameWorker` to find its language
 * files when it runs in such a frame, so the class is published under that name.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:") {
    return;
  }

  /** Run a callback in a later task, like a message crossing to a worker. */
  function later(callback) {
    setTimeout(callback, 0);
  }

  class IFrameWorker extends EventTarget {
    /**
     * @param {string | URL} url the worker script, relative to this page
     */
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.url = new URL(String(url), document.baseURI).href;
      this.pending = [];
      this.loaded = false;

      const frame = document.createElement("iframe");
      // Out of sight, out of the tab order and of the accessibility tree.
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.title = "Search worker";
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      this.frame = frame;

      const scope = frame.contentWindow;
      this.install(scope);

      const script = scope.document.createElement("script");
      script.src = this.url;
      script.addEventListener("load", () => {
        this.loaded = true;
        const queued = this.pending;
        this.pending = [];
        queued.forEach((data) => this.deliver(data));
      });
      script.addEventListener("error", () => {
        this.fail(new ErrorEvent("error", { message: `cannot load ${this.url}` }));
      });
      scope.document.body.appendChild(script);
    }

    /** Give the frame the globals a worker script uses. */
    install(scope) {
      const worker = this;
      // The worker's postMessage: hand a copy to the page, in a later task.
      scope.postMessage = function (data) {
        const copy = structuredClone(data);
        later(() => worker.receive(copy));
      };
      // importScripts, one script after the other, as a Promise.
      scope.importScripts = function (...urls) {
        return urls.reduce(
          (previous, url) =>
            previous.then(
              () =>
                new scope.Promise((resolve, reject) => {
                  const script = scope.document.createElement("script");
                  script.src = new URL(url, worker.url).href;
                  script.onload = () => resolve();
                  script.onerror = () => reject(new Error(`cannot import ${script.src}`));
                  scope.document.body.appendChild(script);
                }),
            ),
          scope.Promise.resolve(),
        );
      };
      // An uncaught error in the worker reaches the page as an "error" event.
      scope.addEventListener("error", (event) => {
        this.fail(
          new ErrorEvent("error", {
            message: event.message,
            filename: event.filename,
            lineno: event.lineno,
            colno: event.colno,
            error: event.error,
          }),
        );
      });
    }

    /** Send data to the worker (the page side of postMessage). */
    postMessage(data) {
      if (!this.frame) {
        return; // terminated: a real worker drops the message too
      }
      if (this.loaded) {
        this.deliver(data);
      } else {
        this.pending.push(data);
      }
    }

    /** Stop the worker: its frame goes, and so do messages not yet delivered. */
    terminate() {
      if (this.frame) {
        this.frame.remove();
      }
      this.frame = null;
      this.pending = [];
    }

    /** Fire "message" in the frame, with a copy made in the frame's realm. */
    deliver(data) {
      const frame = this.frame;
      if (!frame || !frame.contentWindow) {
        return;
      }
      const scope = frame.contentWindow;
      const copy = scope.structuredClone(data);
      later(() => {
        if (this.frame === frame) {
          scope.dispatchEvent(new scope.MessageEvent("message", { data: copy }));
        }
      });
    }

    /** Fire "message" on the page side (addEventListener and onmessage). */
    receive(data) {
      if (!this.frame) {
        return;
      }
      const event = new MessageEvent("message", { data });
      this.dispatchEvent(event);
      if (typeof this.onmessage === "function") {
        this.onmessage(event);
      }
    }

    /** Fire "error" on the page side (addEventListener and onerror). */
    fail(event) {
      this.dispatchEvent(event);
      if (typeof this.onerror === "function") {
        this.onerror(event);
      }
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
