using System.Security.Claims;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.People;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// Who may do what in the console. Approvers decide the steps their roles allow (ApprovalService checks that);
/// people holding <see cref="Billing"/> make and edit invoices, clients, payments and schedules; everyone signed
/// in reads (viewers included: they are known people who never decide).
/// </summary>
public static class ConsoleRoles
{
    /// <summary>Makes and edits invoices, clients, payments and schedules.</summary>
    public const string Billing = Person.BillingRole;

    /// <summary>Runs the host: sees the setup check. A role of the console only, never asked for by an approval step.</summary>
    public const string Operator = "operator";

    public static bool MayBill(this ApproverSettings person) => person.HasRole(Billing);

    public static bool MayOperate(this Person person) => person.HasRole(Operator);

    public static bool MayBill(this Person person) => person.HasRole(Billing);

    /// <summary>An approver holding any role an approval step can ask for (any role besides billing and operator).</summary>
    public static bool MayDecide(this Person person) =>
        person.MayDecide && person.Roles.Any(r => !r.Equals(Billing, StringComparison.OrdinalIgnoreCase) && !r.Equals(Operator, StringComparison.OrdinalIgnoreCase));

    /// <summary>Refuses the route (403 problem) unless the signed-in person holds the billing role: buttons are hidden too, but the server decides.</summary>
    internal static RouteHandlerBuilder RequireBilling(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (context, next) =>
    {
        var people = context.HttpContext.RequestServices.GetRequiredService<ApproverDirectory>();
        return people.ByEmail(context.HttpContext.User.Email()) is { } me && me.MayBill()
            ? await next(context)
            : TypedResults.Problem($"Only people with the {Billing} role make or change invoices, clients, payments and schedules.",
                statusCode: 403, title: "Not permitted");
    });

    /// <summary>Refuses the route (403 problem) unless the signed-in person holds the operator role.</summary>
    internal static RouteHandlerBuilder RequireOperator(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (context, next) =>
    {
        var people = context.HttpContext.RequestServices.GetRequiredService<PeopleDirectory>();
        return people.ByEmail(context.HttpContext.User.Email()) is { } me && me.MayOperate()
            ? await next(context)
            : TypedResults.Problem($"Only people with the {Operator} role see the setup check.", statusCode: 403, title: "Not permitted");
    });

    /// <summary>The signed-in person as the audit trail names them, on the console channel.</summary>
    internal static Core.Audit.Actor ConsoleActor(this ClaimsPrincipal user) => new(user.Email(), "console");
}
