using ChatBilling.Core.Invoices;

namespace ChatBilling.Host.Http;

/// <summary>The <c>limit</c> and <c>offset</c> query parameters every list route takes, checked one way.</summary>
public static class Paging
{
    public static void Check(int limit, int offset)
    {
        if (limit is < 1 or > InvoiceQuery.MaxLimit) throw InvalidInputException.For("limit", $"limit is between 1 and {InvoiceQuery.MaxLimit}.");
        if (offset < 0) throw InvalidInputException.For("offset", "offset cannot be negative.");
    }
}
