using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBilling.Core.Triggers;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;

namespace ChatBilling.Tests.Integrity;

/// <summary>The rows the fuzz run aims at: a client, a draft, an invoice waiting for approval, a sent one and an unmatched payment.</summary>
public sealed record FuzzTargets(string ClientId, string Draft, string Pending, string SentNumber, string Unmatched);

/// <summary>
/// Builds the fuzz run's requests: each starts as a valid body for its route and is mutated by <see cref="FuzzInputs"/>. Chat
/// requests are signed (Slack) or carry a valid Bot Framework token (Teams), so the hostile part is the payload, not the caller.
/// </summary>
public sealed class FuzzRequests(FuzzInputs fuzz, BillingApp app, FakeBotPlatform teams, FuzzTargets t)
{
    public const string TriggerSecret = "fuzz-trigger-secret";

    /// <summary>The request for step <paramref name="i"/>, a label to report it by, and whether it goes as the signed-in console user.</summary>
    public (string Label, HttpRequestMessage Request, bool ViaConsole) Generate(int i)
    {
        var lines = new JsonArray(new JsonObject { ["description"] = "Work", ["quantity"] = 2, ["unitPrice"] = 150.5m, ["taxRate"] = 0.2m });
        var invoice = new JsonObject
        {
            ["clientId"] = t.ClientId, ["currency"] = "EUR", ["issueDate"] = "2026-11-22", ["dueDate"] = "2026-12-22", ["notes"] = "n",
            ["workCompletedOn"] = "2026-11-20", ["sendOn"] = "2026-11-23", ["lineItems"] = lines,
        };
        var client = new JsonObject
        {
            ["name"] = $"Client {i}", ["email"] = "ap@client.example", ["currency"] = "EUR", ["locale"] = "de-DE", ["paperSize"] = "A4",
            ["addressLines"] = new JsonArray("Street 1", "Berlin"), ["reminderOffsetsDays"] = new JsonArray(-3, 0, 5),
        };
        var payment = new JsonObject
            { ["invoiceNumber"] = t.SentNumber, ["amount"] = 1.5m, ["paidOn"] = "2026-11-20", ["reference"] = $"F-{i}", ["currency"] = "EUR" };
        switch (i % 18)
        {
            case 0: return Json("POST", "/api/clients", client);
            case 1: return Json("POST", "/api/invoices", invoice);
            case 2: return Json("PUT", $"/api/invoices/{t.Draft}", invoice);
            case 3: return Json("POST", $"/api/invoices/{t.Pending}/decisions", new JsonObject
                { ["approver"] = ApprovalFixture.Sam, ["decision"] = "reject", ["reason"] = "Wrong rate", ["cardVersion"] = null });
            case 4: return Json("POST", "/api/payments", payment);
            case 5: return Json("POST", $"/api/payments/{t.Unmatched}/match", new JsonObject { ["invoiceNumber"] = t.SentNumber });
            case 6: return Json("POST", "/api/schedules", new JsonObject
            {
                ["clientId"] = t.ClientId, ["name"] = "Retainer", ["cadence"] = fuzz.Pick(["monthly", "cron"]), ["dayOfMonth"] = 31,
                ["cron"] = "0 9 1 * *", ["timeZone"] = "Europe/Berlin", ["startsOn"] = "2026-01-01", ["endsOn"] = "2027-12-31",
                ["paymentTermsDays"] = 14, ["autoSubmit"] = true, ["notes"] = "x", ["lineItems"] = lines.DeepClone(),
            });
            case 7: return Trigger(i);
            case 8: return SlackEvent(i);
            case 9: return SlackInteraction(i);
            case 10: return SlackCommand();
            case 11: case 12: return TeamsActivity(i);
            case 13: return Json("POST", $"/api/invoices/{fuzz.Pick([t.Pending, t.Draft])}/recall", new JsonObject { ["reason"] = "changed" });
            case 14: return Console("/console/api/ask", new JsonObject { ["text"] = "overdue over 10k", ["locale"] = "en-GB" });
            case 15: return Console($"/console/api/invoices/{t.Pending}/decisions", new JsonObject
                { ["decision"] = fuzz.Pick(["approve", "reject"]), ["reason"] = "r", ["cardVersion"] = "x:1" });
            case 16: return fuzz.Next(3) switch
            {
                0 => Console("/console/api/clients", client),
                1 => Console("/console/api/invoices", invoice),
                _ => Console("/console/api/payments", payment),
            };
            default:
                var value = Uri.EscapeDataString(fuzz.HostileValue().Trim('"'));
                var path = fuzz.Pick([$"/api/invoices?status={value}", $"/api/invoices?clientId={value}&overdue=true", $"/api/clients?q={value}",
                    $"/api/payments?outcome={value}", $"/api/metrics?days={value}", $"/api/exports/invoices.csv?status={value}",
                    $"/api/invoices/{t.Draft}/checks", "/api/reconciliation", $"/console/api/invoices?q={value}"]);
                return ($"GET {path}", new HttpRequestMessage(HttpMethod.Get, path), path.StartsWith("/console", StringComparison.Ordinal));
        }
    }

    private (string, HttpRequestMessage, bool) Json(string method, string path, JsonObject valid)
    {
        var body = fuzz.Mutate(valid);
        return ($"{method} {path} {Short(body)}", new HttpRequestMessage(new HttpMethod(method), path) { Content = Rest.Json(body) }, false);
    }

    private (string, HttpRequestMessage, bool) Console(string path, JsonObject valid)
    {
        var (label, request, _) = Json("POST", path, valid);
        request.Headers.Add("X-ChatBilling-Console", "1");
        return (label, request, true);
    }

    private string Stamp() => app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private (string, HttpRequestMessage, bool) Trigger(int i)
    {
        var body = fuzz.Mutate(new JsonObject
        {
            ["eventId"] = $"deal-{i}", ["type"] = "deal.closed", ["clientId"] = t.ClientId, ["amount"] = 4000, ["description"] = "Package",
            ["issueDate"] = "2026-11-22", ["workCompletedOn"] = "2026-11-20", ["submit"] = false,
        });
        var stamp = Stamp();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/triggers") { Content = Rest.Json(body) };
        request.Headers.Add("X-ChatBilling-Source", "crm");
        request.Headers.Add("X-ChatBilling-Timestamp", stamp);
        request.Headers.Add("X-ChatBilling-Signature", TriggerSignature.Header(TriggerSecret, stamp, Encoding.UTF8.GetBytes(body)));
        return ($"POST /api/triggers {Short(body)}", request, false);
    }

    private (string, HttpRequestMessage, bool) SlackEvent(int i) => SignedSlack("/slack/events", "application/json", fuzz.Mutate(new JsonObject
    {
        ["type"] = fuzz.Pick(["event_callback", "url_verification"]), ["challenge"] = "c", ["event_id"] = $"Ev{i}",
        ["event"] = new JsonObject
        {
            ["type"] = fuzz.Pick(["app_mention", "message"]), ["channel_type"] = "im", ["channel"] = "D1", ["ts"] = "1.2",
            ["user"] = SlackHarness.DanaUser, ["text"] = "<@B> overdue",
        },
    }));

    private (string, HttpRequestMessage, bool) SlackInteraction(int i)
    {
        var payload = fuzz.Mutate(new JsonObject
        {
            ["type"] = fuzz.Pick(["block_actions", "view_submission"]), ["user"] = new JsonObject { ["id"] = SlackHarness.DanaUser },
            ["trigger_id"] = $"trig-{i}", ["channel"] = new JsonObject { ["id"] = SlackHarness.ApprovalChannel },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = fuzz.Pick(["approve", "reject"]),
                ["value"] = $"{{\"invoiceId\":\"{t.Pending}\",\"cardVersion\":\"x:1\"}}" }),
            ["view"] = new JsonObject { ["id"] = $"V{i}", ["callback_id"] = "reject-reason", ["private_metadata"] = "{}",
                ["state"] = new JsonObject { ["values"] = new JsonObject() } },
        });
        return SignedSlack("/slack/interactions", "application/x-www-form-urlencoded", "payload=" + Uri.EscapeDataString(payload));
    }

    private (string, HttpRequestMessage, bool) SlackCommand() => SignedSlack("/slack/commands", "application/x-www-form-urlencoded",
        $"command=%2Fbilling&text={Uri.EscapeDataString(fuzz.HostileValue())}&user_id={SlackHarness.DanaUser}&channel_id=C1&response_url=");

    private (string, HttpRequestMessage, bool) SignedSlack(string path, string contentType, string body)
    {
        var stamp = Stamp();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, stamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(SlackHarness.SigningSecret, stamp, Encoding.UTF8.GetBytes(body)));
        return ($"POST {path} {Short(body)}", request, false);
    }

    private (string, HttpRequestMessage, bool) TeamsActivity(int i)
    {
        var body = fuzz.Mutate(new JsonObject
        {
            ["type"] = fuzz.Pick(["message", "invoke", "conversationUpdate"]), ["id"] = $"act-{i}", ["name"] = "adaptiveCard/action",
            ["channelId"] = "msteams", ["serviceUrl"] = teams.ServiceUrl, ["text"] = "overdue",
            ["from"] = new JsonObject { ["id"] = "29:dana", ["name"] = "Dana", ["aadObjectId"] = "aad-dana" },
            ["recipient"] = new JsonObject { ["id"] = TeamsHost.BotId },
            ["conversation"] = new JsonObject
                { ["id"] = TeamsHost.ApprovalChannel, ["conversationType"] = fuzz.Pick(["channel", "personal"]), ["tenantId"] = TeamsHost.TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsHost.TenantId } },
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["verb"] = "approve",
                ["data"] = new JsonObject { ["invoiceId"] = t.Pending, ["cardVersion"] = "x:1" } } },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.BotId }),
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Rest.Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teams.Token(app.Clock.GetUtcNow()));
        return ($"POST /api/messages {Short(body)}", request, false);
    }

    private static string Short(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
