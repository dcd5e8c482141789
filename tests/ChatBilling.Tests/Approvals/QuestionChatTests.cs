using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// "Ask a question…" on the Slack card: the click opens a modal (views.open with the click's trigger_id), its
/// view_submission asks, and the question and its answer are posted in the card's thread (thread_ts) and shown on the card.
/// </summary>
public sealed class QuestionSlackTests : IAsyncLifetime
{
    // Pacing waits on the fake clock, which this test does not move while the card, its update and the thread posts go out.
    private readonly SlackHarness slack = new(configure: app => app.With("Slack:MessageInterval", "00:00:00"));

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    /// <summary>Submits the question modal Slack was asked to open, shaped like Slack's view_submission payload.</summary>
    private Task<HttpResponseMessage> SubmitQuestionAsync(string userId, string viewId, string? question)
    {
        var opened = slack.Slack.Of("views.open").Last().Args["view"]!;
        return slack.PostInteractionAsync(new
        {
            type = "view_submission", user = new { id = userId },
            view = new
            {
                id = viewId, callback_id = opened["callback_id"]!.ToString(), private_metadata = opened["private_metadata"]!.ToString(),
                state = new { values = new { question = new { question = new { type = "plain_text_input", value = question } } } },
            },
        });
    }

    [Fact]
    public async Task The_ask_button_opens_a_modal_whose_question_goes_to_the_card_thread_and_the_answer_follows()
    {
        var (id, value) = await slack.PostedInvoiceAsync();
        (await slack.ClickAsync(DanaUser, "ask", value, "t-ask")).EnsureSuccessStatusCode();
        var opened = (await slack.WaitForCallAsync("views.open")).Args;
        Assert.Equal(("t-ask", "ask_question"), (opened["trigger_id"].Str(), opened["view"]!["callback_id"].Str()));

        // An empty question keeps the modal open with the error next to the box, and asks nothing.
        var empty = await (await SubmitQuestionAsync(DanaUser, "V-empty", " ")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("errors", empty["response_action"].Str());
        Assert.Contains("needs its text", empty["errors"]!["question"].Str());

        (await SubmitQuestionAsync(DanaUser, "V-ask", "Which PO is this for?")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        await slack.DrainAsync();
        var line = (await slack.Http.HistoryAsync(id)).Last()!;
        Assert.Equal(("asked", Dana, "slack", "Which PO is this for?"), (line["action"].Str(), line["actor"].Str(), line["channel"].Str(), line["detail"].Str()));
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));

        var card = await slack.App.WithDbAsync(db => db.ChatPosts.AsNoTracking().SingleAsync(p => p.InvoiceId == Guid.Parse(id)));
        var thread = slack.Slack.Of("chat.postMessage").Where(c => c.Args["thread_ts"]?.ToString() == card.MessageId).Select(c => c.Args["text"].Str()).ToList();
        Assert.Contains(thread, t => t.Contains("Dana Approver asks about invoice INV-2026-0001 before deciding: Which PO is this for?"));
        Assert.Contains("Your question was sent", slack.Slack.Of("chat.postEphemeral").Last().Args["text"].Str());
        Assert.Contains("Question from Dana Approver: Which PO is this for?", slack.Slack.Of("chat.update").Last().Args["blocks"]!.ToJsonString());

        await (await slack.Http.PostAsJsonAsync($"/api/invoices/{id}/answer", new { text = "PO 4711" })).ReadAsync(HttpStatusCode.OK);
        await slack.DrainAsync();
        thread = slack.Slack.Of("chat.postMessage").Where(c => c.Args["thread_ts"]?.ToString() == card.MessageId).Select(c => c.Args["text"].Str()).ToList();
        Assert.Contains(thread, t => t.Contains("answered about invoice INV-2026-0001: PO 4711") && t.Contains($"<@{DanaUser}>"));
        Assert.Contains("Answer from", slack.Slack.Of("chat.update").Last().Args["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task The_reassign_button_opens_a_user_picker_and_hands_the_step_to_the_chosen_colleague()
    {
        var (id, value) = await slack.PostedInvoiceAsync();
        (await slack.ClickAsync(DanaUser, "reassign", value, "t-reassign")).EnsureSuccessStatusCode();
        var view = (await slack.WaitForCallAsync("views.open")).Args["view"]!;
        Assert.Equal("reassign_step", view["callback_id"].Str());
        Assert.Equal("users_select", view["blocks"]![1]!["element"]!["type"].Str());

        object Submit(string? user, string? note) => new
        {
            type = "view_submission", user = new { id = DanaUser },
            view = new
            {
                id = "V-re", callback_id = "reassign_step", private_metadata = view["private_metadata"]!.ToString(),
                state = new { values = new { to = new { to = new { type = "users_select", selected_user = user } }, note = new { note = new { type = "plain_text_input", value = note } } } },
            },
        };
        var noNote = await (await slack.PostInteractionAsync(Submit(SamUser, ""))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("errors", noNote["response_action"].Str());
        (await slack.PostInteractionAsync(Submit(SamUser, "Sam knows Acme"))).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        var line = (await slack.Http.HistoryAsync(id)).Last()!;
        Assert.Equal(("reassigned", Dana, "slack"), (line["action"].Str(), line["actor"].Str(), line["channel"].Str()));
        Assert.Equal("Dana Approver handed step 1 of 1 (approver) to Sam Second: Sam knows Acme", line["detail"].Str());
        Assert.Contains("is with Sam Second now", slack.Slack.Of("chat.postEphemeral").Last().Args["text"].Str());
    }
}

/// <summary>Teams: "Ask a question…" is an Action.ShowCard with an Input.Text, submitted as an adaptiveCard/action invoke (verb "ask").</summary>
public sealed class QuestionTeamsTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private JsonObject Ask(string id, string? version, string? question)
    {
        var invoke = host.Invoke("i-ask", "ask", id, version, "aad-dana");
        invoke["value"]!["action"]!["data"]!["question"] = question;
        return invoke;
    }

    [Fact]
    public async Task The_ask_invoke_records_the_question_and_answers_with_the_card_showing_it()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        var body = await (await host.SendAsync(Ask(id, version, "Is the discount agreed?"))).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("Question from Dana Approver: Is the discount agreed?", body["value"]!.ToJsonString());
        Assert.Contains("\"verb\":\"approve\"", body["value"]!.ToJsonString());
        var line = (await host.Http.HistoryAsync(id)).Last()!;
        Assert.Equal(("asked", "teams"), (line["action"].Str(), line["channel"].Str()));
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));

        // An empty question changes nothing and says why on the card.
        var empty = await (await host.SendAsync(Ask(id, version, ""))).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("needs its text", empty["value"]!.ToJsonString());
        Assert.Single(await host.Http.HistoryAsync(id), h => h!["action"].Str() == "asked");
    }

    [Fact]
    public async Task The_teams_card_offers_ask_as_a_show_card_with_a_question_box()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        var card = host.Platform.CallsOf("POST").First().Body["activity"]!["attachments"]![0]!["content"]!;
        var ask = card["actions"]!.AsArray().Single(a => a!["title"].Str() == "Ask a question…")!;
        Assert.Equal("Action.ShowCard", ask["type"].Str());
        Assert.Equal("question", ask["card"]!["body"]![0]!["id"].Str());
        Assert.Equal("ask", ask["card"]!["actions"]![0]!["verb"].Str());
    }
}
