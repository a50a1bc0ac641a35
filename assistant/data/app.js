/* sva's page script, inline in both apps' pages (see assistant/app/web.py, app_head).
   1. A chat's newest question comes to the top of the window, so its answer is read from its
      start, not from its list of sources. It stops as soon as the reader scrolls or types.
   2. signInOn401(login): a request refused as "not signed in" takes the page to the sign-in page. */
(() => {
  "use strict";
  if (window.sva) return;
  const asked = new WeakMap(); // chat -> how many questions it showed
  let pending = null; // the newest question, until it is in place or the reader moves

  const inPlace = (row) => {
    const top = row.getBoundingClientRect().top;
    return top >= 0 && top <= window.innerHeight * 0.3;
  };

  function placeNewQuestion() {
    for (const chat of document.querySelectorAll(".sva-chat")) {
      const questions = chat.querySelectorAll('[data-testid="user"]');
      if (questions.length > (asked.get(chat) ?? 0)) {
        const last = questions[questions.length - 1];
        pending = last.closest(".message-row") ?? last;
      }
      asked.set(chat, questions.length);
    }
    if (!pending) return;
    if (!pending.isConnected || !pending.offsetParent) {
      pending = null;
      return;
    }
    if (!inPlace(pending)) pending.scrollIntoView({ block: "start" });
    if (inPlace(pending)) pending = null; // else: the page is too short yet; again as the answer grows
  }

  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      placeNewQuestion();
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  for (const event of ["wheel", "touchmove", "keydown"]) {
    window.addEventListener(event, () => { pending = null; }, { capture: true, passive: true });
  }

  window.sva = {
    signInOn401(login) {
      const fetchFirst = window.fetch.bind(window);
      window.fetch = async (...args) => {
        const response = await fetchFirst(...args);
        if (response.status === 401) window.location.assign(login);
        return response;
      };
    },
  };
})();
