// Adaptive Cards rendered by Microsoft's own renderer (window.AdaptiveCards, a classic script), so what
// approvers see here is what Teams shows.
const hostConfig = () => new AdaptiveCards.HostConfig({
  fontFamily: "Segoe UI, system-ui, -apple-system, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 28, padding: 16 },
  containerStyles: {
    // Foregrounds darkened to reach WCAG AA (4.5:1) on their backgrounds, the warning text included.
    default: { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#172033", subtle: "#555F73" },
      accent: { default: "#2F4AC0", subtle: "#2F4AC0" }, good: { default: "#05603A", subtle: "#05603A" },
      warning: { default: "#93370D", subtle: "#93370D" }, attention: { default: "#A01C12", subtle: "#A01C12" } } },
    emphasis: { backgroundColor: "#F5F6F8", foregroundColors: { default: { default: "#172033", subtle: "#4D5566" },
      warning: { default: "#7A2E0E", subtle: "#7A2E0E" }, attention: { default: "#912018", subtle: "#912018" } } },
    attention: { backgroundColor: "#FEF3F2", foregroundColors: { default: { default: "#172033", subtle: "#4D5566" },
      attention: { default: "#912018", subtle: "#912018" }, warning: { default: "#7A2E0E", subtle: "#7A2E0E" } } },
    warning: { backgroundColor: "#FFFAEB", foregroundColors: { default: { default: "#172033", subtle: "#4D5566" },
      warning: { default: "#7A2E0E", subtle: "#7A2E0E" }, attention: { default: "#912018", subtle: "#912018" } } },
    good: { backgroundColor: "#ECFDF3", foregroundColors: { default: { default: "#172033", subtle: "#4D5566" },
      good: { default: "#05603A", subtle: "#05603A" } } },
  },
  // buttonSpacing 0: the space between buttons is console.css's flex gap, which a wrapped row does not end with.
  actions: { maxActions: 5, buttonSpacing: 0, showCard: { actionMode: "inline", inlineTopMargin: 12 }, actionsOrientation: "horizontal", actionAlignment: "stretch" },
});

let markdownReady = false;

/** Renders one card; onAction(verb, data) gets Action.Execute / Action.Submit clicks with the card's inputs. */
export function renderCard(json, onAction) {
  if (!markdownReady) {
    // Teams renders the **bold** and _italic_ markdown the templates use; the renderer leaves that to its host.
    // Backslash escapes (the server escapes client-supplied text so it never becomes markup) stand for the character itself.
    const htmlText = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      const literals = [];
      const held = text.replace(/\\([\\`*_{}\[\]()#+\-.!~>|])/g, (_, c) => `\u0000${literals.push(c) - 1}\u0000`);
      const html = htmlText(held).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>").replace(/(^|\s)_(.+?)_(?=\s|$)/g, "$1<em>$2</em>");
      result.outputHtml = html.replace(/\u0000(\d+)\u0000/g, (_, i) => htmlText(literals[Number(i)]));
      result.didProcess = true;
    };
    markdownReady = true;
  }
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig();
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.OpenUrlAction) { window.open(action.url, "_blank", "noopener"); return; }
    const data = { ...(action.data || {}) };
    const verb = action.verb || data.verb;
    const inputs = Object.fromEntries(card.getAllInputs().map((i) => [i.id, i.value]));
    if (verb && onAction) onAction(verb, { ...inputs, ...data });
  };
  card.parse(json);
  const element = card.render();
  // The renderer leaves its images without text alternatives and its inputs without labels; name them for screen readers.
  for (const img of element.querySelectorAll("img:not([alt])")) img.setAttribute("alt", "Invoice preview, page 1");
  // Its heading text blocks say role="heading" without a level; under the screen's h1 they are level 2.
  for (const heading of element.querySelectorAll('[role="heading"]:not([aria-level])')) heading.setAttribute("aria-level", "2");
  for (const input of element.querySelectorAll("input, textarea")) {
    if (!input.getAttribute("aria-label")) input.setAttribute("aria-label", input.getAttribute("placeholder") || "Reason");
  }
  return element;
}
