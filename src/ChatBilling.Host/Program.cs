using ChatBilling.Core;
using ChatBilling.Host.Approvals;
using ChatBilling.Host.Clients;
using ChatBilling.Host.WebConsole;
using ChatBilling.Host.Documents;
using ChatBilling.Host.EmailDecisions;
using ChatBilling.Host.Health;
using ChatBilling.Host.Http;
using ChatBilling.Host.Exports;
using ChatBilling.Host.CustomerLinks;
using ChatBilling.Host.Invoices;
using ChatBilling.Host.Jobs;
using ChatBilling.Host.Metrics;
using ChatBilling.Host.Payments;
using ChatBilling.Host.Reconciliation;
using ChatBilling.Host.Recurring;
using ChatBilling.Host.Security;
using ChatBilling.Host.Setup;
using ChatBilling.Host.Storage;
using ChatBilling.Host.Triggers;
using ChatBilling.Slack;
using ChatBilling.Teams;

// Settings and console from the working directory, or from the app's own folder when started elsewhere.
var builder = WebApplication.CreateBuilder(HostPaths.Options(args));

// The billing domain, its store and its clock.
builder.Services.AddChatBillingCore(builder.Configuration);

// JSON, problem details, request limits and the OpenAPI document.
builder.AddHttpConventions();

// Signed document links for cards, on PublicBaseUrl.
builder.AddDocumentLinks();
builder.AddEmailDecisions();

// Scheduled jobs (sends, reminders, escalations, digest) and the customer links put in emails.
builder.AddJobs();
builder.AddCustomerLinks();

// The numbers that matter as OpenTelemetry gauges, scraped by Prometheus at /metrics.
builder.AddMetrics();

// Who is calling: proxies believed, the key ring every host shares, API keys with scopes (or loopback callers
// when none are configured), console people by cookie.
builder.AddTrust();
builder.AddApiKeys();
builder.AddConsole();

// Slack: signed request URLs, and a chat channel for cards, replies and digests (on when its credentials are set).
builder.AddSlack();
// Microsoft Teams, when Teams:AppId is set: approval cards, clicks and questions over the Bot Framework.
builder.AddTeams();

// `check`: every feature's setup check against the real services, changing nothing.
builder.AddSetupChecks();

var app = builder.Build();
if (SetupCheckCommand.IsRequested(args)) return await SetupCheckCommand.RunAsync(app);

// The schema is created or migrated before the first request.
await app.MigrateStoreAsync();

app.UseTrust();
app.UseHttpConventions();
app.UseStaticFiles();
app.UseJobSchedules();
app.UseApiKeys();

app.MapHealth();
app.MapClientsApi();
app.MapInvoicesApi();
app.MapApprovalsApi();
app.MapDocumentsApi();
app.MapCustomerLinks();
app.MapJobsApi();
app.MapPaymentsApi();
app.MapTriggersApi();
app.MapSchedulesApi();
app.MapMetrics();
app.MapReconciliationApi();
app.MapExportsApi();
app.MapConsole();
app.MapSlack();
app.MapTeams();
app.MapSetupCheck();

// One line with the console's address once the server listens.
app.SayWhereTheConsoleIs();
app.Run();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
