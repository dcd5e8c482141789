using ChatBilling.Core.Approvals;

namespace ChatBilling.Tests.Approvals;

public class ApprovalPlanTests
{
    [Theory]
    [InlineData(0, "")]
    [InlineData(999.99, "")]
    [InlineData(1000, "approver")]
    [InlineData(24999.99, "approver")]
    [InlineData(25000, "approver,finance")]
    [InlineData(1000000, "approver,finance")]
    public void Default_rules_route_by_amount(decimal total, string roles) =>
        Assert.Equal(roles, string.Join(",", ApprovalPlan.RolesFor(total, new ApprovalSettings())));

    [Theory]
    [InlineData(50, "")]
    [InlineData(100, "approver")]
    [InlineData(4999, "approver")]
    [InlineData(5000, "manager")]
    [InlineData(100000, "approver,finance,manager")]
    public void Configured_rules_pick_the_highest_threshold_reached(decimal total, string roles)
    {
        var settings = new ApprovalSettings
        {
            AutoApproveBelow = 100,
            Rules =
            [
                new() { MinAmount = 100000, Roles = ["approver", "finance", "manager"] },
                new() { MinAmount = 5000, Roles = ["manager"] },
            ],
        };
        Assert.Equal(roles, string.Join(",", ApprovalPlan.RolesFor(total, settings)));
    }
}
