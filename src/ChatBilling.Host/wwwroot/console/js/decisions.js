// Approve / Reject from a card, one request for every place that shows the card's buttons (the inbox cards and the
// "my approvals" answers of Ask the bot): the card's version goes along, so a stale card is refused and answered with
// the card as it is now; the person is told the outcome, and the tab counts refresh.
import { post } from "./api.js";
import { toast } from "./ui.js";

export async function sendDecision(invoiceId, decision, { reason, cardVersion } = {}) {
  const result = await post(`/console/api/invoices/${invoiceId}/decisions`, { decision, reason, cardVersion });
  // A 401 already sent the person to sign in; a toast on top would only repeat it.
  if (result.status !== 401) toast(result.data?.message || result.message, !result.ok);
  document.dispatchEvent(new CustomEvent("console:changed"));
  return result;
}
