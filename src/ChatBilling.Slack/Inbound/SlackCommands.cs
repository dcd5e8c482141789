using System.Text;
using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.People;
using ChatBilling.Slack.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// <c>POST /slack/commands</c>: <c>/billing overdue | pending | status INV-… | help</c>, answered in the response body
/// (read-only queries, well inside Slack's three seconds). Only the asker sees the answer unless the last word is
/// <c>public</c> or <c>here</c>, which posts it in the channel for everyone; only known people get an answer at all
/// (the asker is Slack's signed <c>user_id</c>), and a refusal is always ephemeral. Socket Mode's <c>slash_commands</c>
/// envelopes come here too, and the answer becomes the envelope's acknowledgement payload.
/// </summary>
public static class SlackCommands
{
    private static readonly string[] PublicWords = ["public", "here"];

    public static async Task<IResult> HandleAsync(
        HttpContext http, AskGate gate, PeopleDirectory people, SlackPeople approvers, Core.Delegation.DelegationCommand delegation, CancellationToken ct)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(SlackBody.Of(http)));
        // Slack checks the certificate of a command's URL now and then with ssl_check=1 and wants a plain 200, nothing
        // acted on (docs.slack.dev/interactivity/implementing-slash-commands, "ssl_check"; bolt-js answers it the same way).
        if (form.TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1") return TypedResults.Ok();
        var command = form.TryGetValue("command", out var c) && c.ToString().Length > 0 ? c.ToString() : "/billing";
        var raw = form.TryGetValue("text", out var t) ? t.ToString() : "";
        if (Core.Delegation.DelegationCommand.Matches(SlackText.Decode(raw)))
            return TypedResults.Json(await SlackDelegation.AnswerAsync(raw, form.TryGetValue("user_id", out var from) ? from.ToString() : null, approvers, delegation, ct));
        var (question, inChannel) = Split(SlackText.Decode(raw));
        var gated = await gate.AnswerAsync(people.ByIdentity(SlackChannel.Name, form.TryGetValue("user_id", out var u) ? u.ToString() : null), question, ct);
        // https://api.slack.com/interactivity/slash-commands#responding_immediately: "ephemeral" is seen by the asker only.
        if (gated.Answer is not { } answer)
            return TypedResults.Json(new JsonObject { ["response_type"] = "ephemeral", ["text"] = SlackMessages.Escape(gated.Refusal) });
        if (answer.Card is HelpCard help) answer = answer with { Card = HelpFor(command) with { Reason = help.Reason, Suggestions = help.Suggestions } };

        var message = SlackMessages.Answer(answer);
        message["response_type"] = inChannel ? "in_channel" : "ephemeral";
        return TypedResults.Json<JsonObject>(message);
    }

    /// <summary>The question without a trailing <c>public</c>/<c>here</c>, and whether that word was there.</summary>
    public static (string Question, bool InChannel) Split(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 0 && PublicWords.Contains(words[^1], StringComparer.OrdinalIgnoreCase))
            return (string.Join(' ', words[..^1]), true);
        return (text.Trim(), false);
    }

    /// <summary>The shared help, as typed in Slack, and how to share an answer with the channel.</summary>
    private static HelpCard HelpFor(string command) => new(
    [
        .. BotAnswers.Commands.Select(h => h with { Command = $"{command} {h.Command}" }),
        new($"{command} overdue public", "Only you see an answer, unless the last word is public (or here): then it is posted in the channel for everyone."),
    ]);
}
