using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;

namespace ChatBilling.Tests.Cards;

public class CardExpressionTests
{
    private const string Data = """
        {
          "name": "Acme", "total": 1785.5, "count": 3, "zero": 0, "empty": "", "none": null, "yes": true, "no": false,
          "items": [ { "n": 1 }, { "n": 2 } ], "noItems": [], "nested": { "deeper": { "value": "x" } }, "emptyObject": {}
        }
        """;

    // Each expression is bound as "${expr}" into {"v": ...}; the expected value is JSON, or "missing" when v is dropped.
    [Theory]
    [InlineData("name", "\"Acme\"")]
    [InlineData("total", "1785.5")]
    [InlineData("nested.deeper.value", "\"x\"")]
    [InlineData("items[1].n", "2")]
    [InlineData("items[2].n", "missing")]
    [InlineData("nested['deeper'].value", "\"x\"")]
    [InlineData("nope.nothing.here", "missing")]
    [InlineData("none", "missing")]
    [InlineData("$root.name", "\"Acme\"")]
    [InlineData("$data.count", "3")]
    [InlineData("$index", "missing")]
    [InlineData("'single' == \"single\"", "true")]
    [InlineData("'it\\'s'", "\"it's\"")]
    [InlineData("-2.5 < 0", "true")]
    [InlineData("1e3 == 1000", "true")]
    [InlineData("total == 1785.50", "true")]
    [InlineData("count != 3", "false")]
    [InlineData("name == 'acme'", "false")]
    [InlineData("count == '3'", "false")]
    [InlineData("none == null", "true")]
    [InlineData("nope == null", "true")]
    [InlineData("count > 2", "true")]
    [InlineData("count >= 3", "true")]
    [InlineData("count < 3", "false")]
    [InlineData("count <= 2", "false")]
    [InlineData("'a' < 'b'", "true")]
    [InlineData("name < 3", "false")]
    [InlineData("nope > 0", "false")]
    [InlineData("!yes", "false")]
    [InlineData("!!name", "true")]
    [InlineData("!zero && !empty && !none && !no", "true")]
    [InlineData("yes && no", "false")]
    [InlineData("no || count == 3", "true")]
    [InlineData("no || yes && no", "false")]
    [InlineData("(no || yes) && no", "false")]
    [InlineData("!(count > 2 && name == 'Acme')", "false")]
    [InlineData("count(items)", "2")]
    [InlineData("count(noItems)", "0")]
    [InlineData("count(name)", "4")]
    [InlineData("count(nope)", "0")]
    [InlineData("count(items) > 1 && items[0].n == 1", "true")]
    [InlineData("exists(name)", "true")]
    [InlineData("exists(zero)", "true")]
    [InlineData("exists(none)", "false")]
    [InlineData("exists(nope.deeper)", "false")]
    [InlineData("empty(noItems)", "true")]
    [InlineData("empty(empty)", "true")]
    [InlineData("empty(emptyObject)", "true")]
    [InlineData("empty(nope)", "true")]
    [InlineData("empty(items)", "false")]
    [InlineData("empty(zero)", "false")]
    [InlineData("string(count)", "\"3\"")]
    [InlineData("string(yes)", "\"true\"")]
    [InlineData("string(nope)", "\"\"")]
    [InlineData("mrkdwn('<!channel> & <b>')", "\"&lt;!channel&gt; &amp; &lt;b&gt;\"")]
    public void Expressions_evaluate_to_typed_values(string expression, string expected)
    {
        var bound = (JsonObject)CardBinder.Bind($$"""{ "v": "${{{Escape(expression)}}}" }""", JsonNode.Parse(Data))!;

        Assert.Equal(expected, bound.TryGetPropertyValue("v", out var v) ? CardTestJson.Text(v) : "missing");
    }

    [Theory]
    [InlineData("count >")]
    [InlineData("(count > 2")]
    [InlineData("count 2")]
    [InlineData("a -1")]
    [InlineData("shout(name)")]
    [InlineData("'open")]
    [InlineData("name # 2")]
    [InlineData("a.")]
    [InlineData("")]
    public void Malformed_expressions_are_template_bugs_and_throw(string expression) =>
        Assert.Throws<FormatException>(() => CardBinder.Bind($$"""{ "v": "${{{Escape(expression)}}}" }""", JsonNode.Parse(Data)));

    private static string Escape(string expression) => expression.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
