using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Payments;

public static class PaymentsRegistration
{
    /// <summary>Payments reported by banks and people, reconciled against invoices.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services) => services.AddScoped<PaymentService>();
}
