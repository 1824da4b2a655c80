// Latchkey console: dialogs, row menus, copy and download. No inline script anywhere (CSP script-src 'self').
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  // Dialogs: [data-open=id] opens one as a modal (focus is trapped, Escape closes); [data-close] closes it and
  // focus returns to the control that opened it. A dialog with data-show="true" opens when the page loads.
  var opener = null;
  function openDialog(dialog, from) {
    opener = from || document.activeElement;
    closeMenus();
    if (!dialog.open) { dialog.showModal(); }
    var first = dialog.querySelector("input:not([type=hidden]):not([readonly]), textarea, select, button:not([data-close])");
    if (first) { first.focus(); }
  }
  document.addEventListener("click", function (e) {
    var open = e.target.closest("[data-open]");
    if (open) {
      var dialog = byId(open.getAttribute("data-open"));
      if (dialog) { e.preventDefault(); openDialog(dialog, open); }
      return;
    }
    var step = e.target.closest("[data-step-to]");
    if (step) {
      var box = step.closest("dialog");
      box.querySelectorAll("[data-step]").forEach(function (s) {
        s.hidden = s.getAttribute("data-step") !== step.getAttribute("data-step-to");
      });
      var target = box.querySelector("[data-step]:not([hidden]) button");
      if (target) { target.focus(); }
      return;
    }
    var close = e.target.closest("[data-close]");
    if (close) {
      var clear = close.getAttribute("data-clear");
      if (clear && byId(clear)) { byId(clear).value = ""; }
      close.closest("dialog").close();
      return;
    }
    var copy = e.target.closest("[data-copy]");
    if (copy) { copyValue(copy); return; }
    var download = e.target.closest("[data-download]");
    if (download) { downloadKey(download); return; }
    var menuButton = e.target.closest("[data-menu]");
    if (menuButton) { toggleMenu(menuButton); return; }
    if (!e.target.closest(".menu")) { closeMenus(); }
  });
  document.addEventListener("close", function (e) {
    if (e.target.tagName === "DIALOG" && opener && document.contains(opener)) { opener.focus(); }
  }, true);
  // The created key's dialog: Escape first shows that the key cannot be shown again.
  document.addEventListener("cancel", function (e) {
    var dialog = e.target;
    if (dialog.hasAttribute && dialog.hasAttribute("data-final")) {
      var gone = dialog.querySelector("[data-step=gone]");
      if (gone && gone.hidden) {
        e.preventDefault();
        dialog.querySelector("[data-step-to=gone]").click();
      }
    }
  }, true);

  // Row menus: a button with aria-expanded; Escape closes and returns focus; arrow keys move between items.
  function closeMenus(except) {
    document.querySelectorAll("[data-menu][aria-expanded=true]").forEach(function (b) {
      if (b !== except) {
        b.setAttribute("aria-expanded", "false");
        byId(b.getAttribute("data-menu")).hidden = true;
      }
    });
  }
  function toggleMenu(button) {
    var menu = byId(button.getAttribute("data-menu"));
    var opening = menu.hidden;
    closeMenus(button);
    menu.hidden = !opening;
    button.setAttribute("aria-expanded", opening ? "true" : "false");
    if (opening) {
      var first = menu.querySelector("button:not([aria-disabled=true])");
      if (first) { first.focus(); }
    }
  }
  document.addEventListener("keydown", function (e) {
    var menu = e.target.closest && e.target.closest(".menu");
    if (!menu) { return; }
    var items = Array.prototype.slice.call(menu.querySelectorAll("button"));
    var i = items.indexOf(e.target);
    if (e.key === "Escape") {
      var owner = document.querySelector("[data-menu='" + menu.id + "']");
      closeMenus();
      owner.focus();
      e.preventDefault();
    } else if (e.key === "ArrowDown" && i >= 0) {
      items[(i + 1) % items.length].focus();
      e.preventDefault();
    } else if (e.key === "ArrowUp" && i >= 0) {
      items[(i - 1 + items.length) % items.length].focus();
      e.preventDefault();
    }
  });
  // Disabled menu items say why instead of acting.
  document.addEventListener("click", function (e) {
    var disabled = e.target.closest("[aria-disabled=true]");
    if (disabled) { e.preventDefault(); e.stopPropagation(); }
  }, true);

  function announce(from, text) {
    var box = from.closest("dialog") || document;
    var status = box.querySelector("[data-copied]");
    if (status) {
      status.textContent = text;
      setTimeout(function () { status.textContent = ""; }, 2500);
    }
  }
  function copyValue(button) {
    var input = byId(button.getAttribute("data-copy"));
    var done = function () { button.textContent = "Copied"; announce(button, "Copied to the clipboard.");
      setTimeout(function () { button.textContent = "Copy"; }, 2000); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
    } else {
      input.select();
      document.execCommand("copy");
      done();
    }
  }
  function downloadKey(button) {
    var input = byId(button.getAttribute("data-download"));
    var body = JSON.stringify({
      name: button.getAttribute("data-name") || "",
      description: button.getAttribute("data-description") || "",
      createdAt: button.getAttribute("data-created-at") || "",
      apikey: input.value
    }, null, 2);
    var url = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = button.getAttribute("data-file") || "apikey.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    announce(button, "Downloaded " + link.download + ".");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var shown = document.querySelector("dialog[data-show]");
    if (shown) { openDialog(shown, null); }
  });
})();
