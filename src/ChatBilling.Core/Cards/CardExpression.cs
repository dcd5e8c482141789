using System.Text.Json;

namespace ChatBilling.Core.Cards;

/// <summary>
/// The expression language inside <c>${...}</c>: paths (<c>a.b[0]</c>, <c>$root</c>, <c>$data</c>, <c>$index</c>),
/// string, number, bool and null literals, <c>!</c>, <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>&amp;&amp; ||</c>,
/// parentheses and the functions <c>count</c>, <c>exists</c>, <c>empty</c>, <c>string</c> and <c>mrkdwn</c>.
/// A path that leads nowhere is missing, not an error; a malformed expression is a template bug and throws
/// <see cref="FormatException"/>.
/// </summary>
internal sealed class CardExpression
{
    // Expressions come from the templates only, so their tokens are read once and shared (a list that is only read).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<CardToken>> Read = new(StringComparer.Ordinal);

    private readonly string _text;
    private readonly List<CardToken> _tokens;
    private readonly CardScope _scope;
    private int _next;

    private CardExpression(string text, CardScope scope)
    {
        _text = text;
        _tokens = Read.GetOrAdd(text, CardToken.Read);
        _scope = scope;
    }

    public static JsonElement Evaluate(string text, CardScope scope)
    {
        var expression = new CardExpression(text, scope);
        var value = expression.Or();
        if (expression.Peek.Kind != CardTokenKind.End) throw expression.Error($"unexpected '{expression.Peek.Text}'");
        return value;
    }

    private CardToken Peek => _tokens[_next];

    private bool Accept(string symbol)
    {
        if (Peek.Kind != CardTokenKind.Symbol || Peek.Text != symbol) return false;
        _next++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol)) throw Error($"expected '{symbol}'");
    }

    private JsonElement Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var right = And();
            left = CardValues.Of(CardValues.IsTruthy(left) || CardValues.IsTruthy(right));
        }
        return left;
    }

    private JsonElement And()
    {
        var left = Equality();
        while (Accept("&&"))
        {
            var right = Equality();
            left = CardValues.Of(CardValues.IsTruthy(left) && CardValues.IsTruthy(right));
        }
        return left;
    }

    private JsonElement Equality()
    {
        var left = Relation();
        while (true)
        {
            if (Accept("==")) left = CardValues.Of(CardValues.AreEqual(left, Relation()));
            else if (Accept("!=")) left = CardValues.Of(!CardValues.AreEqual(left, Relation()));
            else return left;
        }
    }

    private JsonElement Relation()
    {
        var left = Unary();
        while (Peek is { Kind: CardTokenKind.Symbol, Text: "<" or "<=" or ">" or ">=" } op)
        {
            _next++;
            var order = CardValues.Compare(left, Unary());
            left = CardValues.Of(order is { } o && op.Text switch
            {
                "<" => o < 0,
                "<=" => o <= 0,
                ">" => o > 0,
                _ => o >= 0,
            });
        }
        return left;
    }

    private JsonElement Unary() => Accept("!") ? CardValues.Of(!CardValues.IsTruthy(Unary())) : Postfix();

    private JsonElement Postfix()
    {
        var value = Primary();
        while (true)
        {
            if (Accept("."))
            {
                var name = Take(CardTokenKind.Name, "a property name after '.'");
                value = CardValues.Member(value, name);
            }
            else if (Accept("["))
            {
                var key = Or();
                Expect("]");
                value = CardValues.Member(value, key);
            }
            else return value;
        }
    }

    private JsonElement Primary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case CardTokenKind.Number:
                _next++;
                return CardValues.ParseNumber(token.Text);
            case CardTokenKind.String:
                _next++;
                return CardValues.Of(token.Text);
            case CardTokenKind.Name:
                _next++;
                return Accept("(") ? Call(token.Text) : Name(token.Text);
        }
        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }
        throw Error(token.Kind == CardTokenKind.End ? "unexpected end" : $"unexpected '{token.Text}'");
    }

    private JsonElement Name(string name) => name switch
    {
        "true" => CardValues.True,
        "false" => CardValues.False,
        "null" => CardValues.Missing,
        "$root" => _scope.Root,
        "$data" => _scope.Data,
        "$index" => _scope.Index >= 0 ? CardValues.Of(_scope.Index) : CardValues.Missing,
        _ => CardValues.Member(_scope.Data, name),
    };

    private JsonElement Call(string function)
    {
        var argument = Or();
        Expect(")");
        return function switch
        {
            "count" => CardValues.Of(CardValues.Count(argument)),
            "exists" => CardValues.Of(!CardValues.IsMissing(argument)),
            "empty" => CardValues.Of(CardValues.IsEmpty(argument)),
            // For a number that must stay text where "${x}" alone would bind a JSON number (a FactSet value).
            "string" => CardValues.Of(CardValues.ToText(argument)),
            "mrkdwn" => CardValues.Of(EscapeMrkdwn(CardValues.ToText(argument))),
            _ => throw Error($"unknown function '{function}'"),
        };
    }

    // Slack reads &, < and > in mrkdwn as entity and link markup; these three are all it asks us to escape.
    private static string EscapeMrkdwn(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private string Take(CardTokenKind kind, string what)
    {
        if (Peek.Kind != kind) throw Error($"expected {what}");
        return _tokens[_next++].Text;
    }

    private FormatException Error(string problem) =>
        new($"Card expression '{_text}': {problem} at position {Peek.Position}.");
}
