using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;

namespace ChatBilling.Tests.Cards;

public class CardBinderTests
{
    private static string Bind(string template, string data) =>
        CardTestJson.Text(CardBinder.Bind(template, JsonNode.Parse(data)));

    [Theory]
    // template, data, bound
    [InlineData("""{"t":"Hello ${name}!"}""", """{"name":"Dana"}""", """{"t":"Hello Dana!"}""")]
    [InlineData("""{"t":"${a}${b} and ${a}"}""", """{"a":"x","b":2}""", """{"t":"x2 and x"}""")]
    [InlineData("""{"t":"${n} lines"}""", """{"n":3}""", """{"t":"3 lines"}""")]
    [InlineData("""{"t":"${flag}"}""", """{"flag":true}""", """{"t":true}""")]
    [InlineData("""{"t":"${n}"}""", """{"n":2.50}""", """{"t":2.50}""")]
    [InlineData("""{"t":"${o}"}""", """{"o":{"a":[1,"b"]}}""", """{"t":{"a":[1,"b"]}}""")]
    [InlineData("""{"t":"${list}"}""", """{"list":[1,2]}""", """{"t":[1,2]}""")]
    [InlineData("""{"t":"list: ${list}"}""", """{"list":[1,2]}""", """{"t":"list: [1,2]"}""")]
    [InlineData("""{"t":"${s}"}""", """{"s":"007"}""", """{"t":"007"}""")]
    [InlineData("""{"n":1,"b":false,"z":null,"s":"plain"}""", """{}""", """{"n":1,"b":false,"z":null,"s":"plain"}""")]
    public void Strings_interpolate_and_a_lone_expression_keeps_its_JSON_type(string template, string data, string bound) =>
        Assert.Equal(bound, Bind(template, data));

    [Theory]
    [InlineData("""{"t":"Hello ${missing}!"}""", """{"t":"Hello !"}""")]
    [InlineData("""{"t":"${missing}","u":"kept"}""", """{"u":"kept"}""")]
    [InlineData("""{"t":"${nothing}"}""", """{}""")]
    [InlineData("""{"a":["${missing}","x","${nothing.deeper[3]}"]}""", """{"a":["x"]}""")]
    [InlineData("""{"a":[{"$data":"${missing}","x":1},{"y":2}]}""", """{"a":[{"y":2}]}""")]
    [InlineData("""{"t":"${nothing.name}"}""", """{}""")]
    public void Missing_values_become_empty_text_or_drop_what_they_fill(string template, string bound) =>
        Assert.Equal(bound, Bind(template, """{"nothing":null}"""));

    [Fact]
    public void An_array_in_data_repeats_the_element_once_per_item_with_the_item_as_scope_and_index() =>
        Assert.Equal(
            """{"rows":["head",{"n":"A","i":0,"of":"Acme"},{"n":"B","i":1,"of":"Acme"},"tail"]}""",
            Bind("""{"rows":["head",{"$data":"${items}","n":"${name}","i":"${$index}","of":"${$root.client}"},"tail"]}""",
                 """{"client":"Acme","items":[{"name":"A"},{"name":"B"}]}"""));

    [Fact]
    public void An_empty_array_in_data_leaves_no_element() =>
        Assert.Equal("""{"rows":[]}""", Bind("""{"rows":[{"$data":"${items}","n":"${name}"}]}""", """{"items":[]}"""));

    [Fact]
    public void Nested_data_repeats_within_each_repetition_and_index_is_the_inner_position() =>
        Assert.Equal(
            """{"b":[{"l":"0-30","i":[{"n":"A","x":0},{"n":"B","x":1}]},{"l":"31+","i":[{"n":"C","x":0}]}]}""",
            Bind("""{"b":[{"$data":"${buckets}","l":"${label}","i":[{"$data":"${items}","n":"${n}","x":"${$index}"}]}]}""",
                 """{"buckets":[{"label":"0-30","items":[{"n":"A"},{"n":"B"}]},{"label":"31+","items":[{"n":"C"}]}]}"""));

    [Fact]
    public void Data_with_an_object_changes_the_scope_without_repeating() =>
        Assert.Equal("""{"c":{"name":"Acme","total":"EUR 5"}}""",
            Bind("""{"c":{"$data":"${client}","name":"${name}","total":"${$root.total}"}}""", """{"client":{"name":"Acme"},"total":"EUR 5"}"""));

    [Fact]
    public void Data_on_the_root_binds_the_whole_card() =>
        Assert.Equal("""{"type":"AdaptiveCard","title":"INV-7"}""",
            Bind("""{"$data":"${invoice}","type":"AdaptiveCard","title":"${number}"}""", """{"invoice":{"number":"INV-7"}}"""));

    [Fact]
    public void Data_given_as_a_literal_array_repeats_over_it() =>
        Assert.Equal("""{"a":[{"v":"x1"},{"v":"x2"}]}""", Bind("""{"a":[{"$data":[{"k":"${p}1"},{"k":"${p}2"}],"v":"${k}"}]}""", """{"p":"x"}"""));

    [Fact]
    public void Data_arrays_on_a_property_value_become_an_array() =>
        Assert.Equal("""{"one":{"v":1},"many":[{"v":1},{"v":2}]}""",
            Bind("""{"one":{"$data":"${one}","v":"${v}"},"many":{"$data":"${many}","v":"${v}"},"none":{"$data":"${none}","v":"${v}"}}""",
                 """{"one":[{"v":1}],"many":[{"v":1},{"v":2}],"none":[]}"""));

    [Theory]
    [InlineData("${show}", true)]
    [InlineData("${!show}", false)]
    [InlineData("${count(items) > 1}", true)]
    [InlineData("${missing}", false)]
    [InlineData("${label}", true)]
    [InlineData("${zero}", false)]
    [InlineData("${emptyLabel}", false)]
    [InlineData("${items}", true)]
    public void When_drops_the_element_unless_its_expression_is_truthy(string when, bool kept) =>
        Assert.Equal(kept ? """{"a":[{"t":"x"},"y"]}""" : """{"a":["y"]}""",
            Bind($$"""{"a":[{"$when":"{{when}}","t":"x"},"y"]}""", """{"show":true,"items":[1,2],"label":"L","zero":0,"emptyLabel":""}"""));

    [Fact]
    public void When_on_a_repeated_element_is_evaluated_per_item() =>
        Assert.Equal("""{"w":[{"t":"late"},{"t":"later"}]}""",
            Bind("""{"w":[{"$data":"${checks}","$when":"${severity == 'warning'}","t":"${text}"}]}""",
                 """{"checks":[{"severity":"warning","text":"late"},{"severity":"info","text":"fyi"},{"severity":"warning","text":"later"}]}"""));

    [Fact]
    public void When_false_drops_a_property_value_object_entirely() =>
        Assert.Equal("""{"keep":1}""", Bind("""{"keep":1,"drop":{"$when":"${false}","x":1}}""", "{}"));

    [Fact]
    public void Quotes_backslashes_and_control_characters_in_values_stay_valid_JSON_and_round_trip()
    {
        const string nasty = "\"Quote\" \\ Backslash\n\t</script> ${notAnExpression} 🧾";
        var data = new JsonObject { ["name"] = nasty };

        var bound = CardBinder.Bind("""{"exact":"${name}","mixed":"Client: ${name}.","list":["${name}"]}""", data)!;
        var reparsed = JsonNode.Parse(bound.ToJsonString())!;

        Assert.Equal(nasty, reparsed["exact"]!.GetValue<string>());
        Assert.Equal($"Client: {nasty}.", reparsed["mixed"]!.GetValue<string>());
        Assert.Equal(nasty, reparsed["list"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Braces_inside_quoted_strings_do_not_end_an_expression() =>
        Assert.Equal("""{"t":"true, yes"}""", Bind("""{"t":"${name == '}'}, ${x}"}""", """{"name":"}","x":"yes"}"""));

    [Fact]
    public void A_template_is_never_changed_by_binding_and_each_bind_returns_a_fresh_tree()
    {
        var template = Element("""{"a":[{"$data":"${items}","v":"${v}"}],"o":"${o}"}""");
        var data = Element("""{"items":[{"v":1}],"o":{"k":1}}""");

        var first = (JsonObject)CardBinder.Bind(template, data)!;
        first["a"]!.AsArray().Add(99);
        first["o"]!["k"] = 2;
        var second = CardBinder.Bind(template, data)!;

        Assert.Equal("""{"a":[{"v":1}],"o":{"k":1}}""", CardTestJson.Text(second));
    }

    [Theory]
    [InlineData("""{"t":"${name"}""")]
    [InlineData("""{"t":"text ${ 'open }"}""")]
    [InlineData("""{"$when":"${false}","t":1}""")]
    [InlineData("""{"$data":"${items}","t":1}""")]
    public void Broken_templates_throw_FormatException(string template) =>
        Assert.Throws<FormatException>(() => CardBinder.Bind(template, JsonNode.Parse("""{"items":[1,2]}""")));

    private static JsonElement Element(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}
