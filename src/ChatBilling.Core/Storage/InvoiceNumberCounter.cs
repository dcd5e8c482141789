namespace ChatBilling.Core.Storage;

/// <summary>The last invoice number handed out in a year; a concurrency token makes two hosts never hand out the same.</summary>
internal sealed class InvoiceNumberCounter
{
    public int Year { get; init; }
    public int Last { get; set; }
    public int Version { get; set; }
}
