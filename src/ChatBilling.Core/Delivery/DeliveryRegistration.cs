using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Delivery;

public static class DeliveryRegistration
{
    /// <summary>The outbox with its dispatcher, and email sending: SMTP when <c>Smtp:Host</c> is set, else the pickup directory.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutbox(configuration);
        services.Configure<SmtpSettings>(configuration.GetSection("Smtp"));
        services.AddSingleton<IEmailSender>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<SmtpSettings>>().Value.Host)
                ? ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
        services.AddSingleton<InvoiceEmailBuilder>();
        services.AddScoped<CustomerLinks.CustomerLinkTokens>();
        services.AddInvoiceEmails();
        services.AddScoped<InvoiceOperations>();
        services.AddSingleton<StaffEmails>();
        // The configuration given here, not one from the container: hosts without IConfiguration (tests, benches) use Core too.
        services.AddSingleton(s => new SellerCheck(configuration, s.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()));
        return services;
    }

    /// <summary>
    /// The handler for <see cref="SendInvoiceEmailHandler.Kind"/> messages. Needs an <see cref="IInvoicePdfSource"/>
    /// and an <see cref="ICustomerLinks"/>, registered by the features that own documents and invoice links.
    /// </summary>
    public static IServiceCollection AddInvoiceEmails(this IServiceCollection services) =>
        services.AddOutboxHandler<SendInvoiceEmailHandler>(SendInvoiceEmailHandler.Kind, OutboxLane.Email);
}
