using System.Net;
using ChatBilling.Core.Cards;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Teams;
using ChatBilling.Teams;

namespace ChatBilling.Tests.Trust;

/// <summary>Client-supplied text is shown literally in Teams cards and the console, never as markdown.</summary>
public sealed class MarkupEscapingTests
{
    private const string Sneaky = "Acme **URGENT** [verify](https://evil.example)";

    [Theory]
    [InlineData(Sneaky, @"Acme \*\*URGENT\*\* \[verify\]\(https://evil.example\)")]
    [InlineData("# Heading", @"\# Heading")]
    [InlineData("- item\n1. first", "\\- item\n1\\. first")]
    [InlineData("Jean-Luc & Co. 2026", "Jean-Luc & Co. 2026")]
    [InlineData(@"back\slash_under", @"back\\slash\_under")]
    public void Markdown_characters_are_escaped(string text, string expected) => Assert.Equal(expected, TeamsMarkdown.Escape(text));

    [Fact]
    public async Task A_client_name_with_markdown_is_literal_in_the_Teams_answer_and_the_templates_bold_stays()
    {
        await using var teams = new TeamsHost();
        var clientId = (await teams.Http.CreateClientAsync(name: Sneaky))["id"].Str();
        var invoice = await teams.Http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 5000));
        (await teams.Http.PostAsync($"/api/invoices/{invoice["id"].Str()}/submit", null)).EnsureSuccessStatusCode();
        (await teams.SendAsync(teams.Message("q-markup", "pending"))).EnsureSuccessStatusCode();

        var reply = Assert.Single(teams.Platform.CallsOf("POST"), c => c.Path.EndsWith("/activities/q-markup"));
        var texts = reply.Body["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains(@"Acme \\*\\*URGENT\\*\\* \\[verify\\]\\(https://evil.example\\)", texts);
        Assert.DoesNotContain("**URGENT**", texts);
        Assert.Contains($"**{invoice["number"].Str()}**", texts);
    }
}
