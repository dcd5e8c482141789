using System.Text.Json;
using ChatBilling.Core.Triggers;
using ChatBilling.Host.Invoices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.Triggers;

/// <summary>
/// <c>POST /api/triggers</c>: events from other systems start invoices. Not guarded by API keys: each source signs
/// its requests with its own secret, checked on the raw bytes before anything is parsed.
/// </summary>
public static class TriggersApi
{
    public const string SourceHeader = "X-ChatBilling-Source";
    public const string TimestampHeader = "X-ChatBilling-Timestamp";
    public const string SignatureHeader = "X-ChatBilling-Signature";

    public static IEndpointRouteBuilder MapTriggersApi(this IEndpointRouteBuilder app)
    {
        // Anonymous to the authorization policies: the source's own signature is the check.
        app.MapPost("/api/triggers", ReceiveAsync).AllowAnonymous().WithTags("Triggers");
        return app;
    }

    /// <summary>201 with the new invoice; 200 with the same invoice when the event was delivered before.</summary>
    private static async Task<Results<Created<TriggerResponse>, Ok<TriggerResponse>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IOptionsMonitor<TriggerSettings> settings, TriggerService triggers, TimeProvider time,
        IOptions<JsonOptions> json, ILogger<TriggerService> log, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        var source = settings.CurrentValue.Source(request.Headers[SourceHeader]);
        var problem = source is null
            ? "unknown source"
            : TriggerSignature.Problem(source.Secret, request.Headers[TimestampHeader], request.Headers[SignatureHeader], body, time.GetUtcNow());
        if (problem is not null)
        {
            log.LogWarning("Trigger refused ({Source}): {Problem}", request.Headers[SourceHeader].ToString(), problem);
            // One answer for every failure: a caller learns nothing about which part was wrong.
            return TypedResults.Problem("The request is not signed by a known source, or is too old.", statusCode: 401, title: "Unauthorized");
        }

        TriggerInput input;
        try
        {
            input = JsonSerializer.Deserialize<TriggerInput>(body, json.Value.SerializerOptions)
                ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException e)
        {
            // The problem handler turns this into a field-level validation problem, as for every other body.
            throw new BadHttpRequestException("The body is not valid JSON for a trigger.", StatusCodes.Status400BadRequest, e);
        }

        var outcome = await triggers.ReceiveAsync(source!, input, ct);
        var response = new TriggerResponse(input.EventId!.Trim(), outcome.Duplicate, InvoiceResponse.From(outcome.Invoice, time));
        return outcome.Duplicate ? TypedResults.Ok(response) : TypedResults.Created($"/api/invoices/{outcome.Invoice.Id}", response);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        // Kestrel's request limit (1 MB) stops an oversized body while it is read here.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}

public sealed record TriggerResponse(string EventId, bool Duplicate, InvoiceResponse Invoice);
