using System.Net;
using ChatBilling.Core.Jobs;
using ChatBilling.Tests.Infrastructure;
using Coravel.Scheduling.Schedule.Cron;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Jobs;

/// <summary>Jobs are declared by their features as data; the host schedules and serves exactly those.</summary>
public sealed class JobDeclarationTests
{
    [Fact]
    public async Task Every_contract_job_is_declared_once_and_runs_by_name()
    {
        using var app = new BillingApp();
        var http = app.Http();
        var names = app.Services.GetServices<JobDeclaration>().Select(j => j.Name).Order().ToList();
        Assert.Equal(["delegations", "digest", "escalations", "housekeeping", "reconciliation", "recurring", "reminders", "sends"], names);
        foreach (var name in names)
            (await http.PostAsync($"/api/jobs/{name}/run", null)).EnsureSuccessStatusCode();

        var unknown = await http.PostAsync("/api/jobs/payroll/run", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("the jobs are delegations, digest, escalations", await unknown.Content.ReadAsStringAsync());
    }

    // Coravel reads these expressions (the host hands them to Schedule…Cron): each must be due exactly when meant.
    [Theory]
    [InlineData("sends", "2026-12-01T10:07:00", true)]
    [InlineData("delegations", "2026-12-01T10:00:00", true)]
    [InlineData("delegations", "2026-12-01T10:15:00", false)]
    [InlineData("escalations", "2026-12-01T10:45:00", true)]
    [InlineData("escalations", "2026-12-01T10:46:00", false)]
    [InlineData("reminders", "2026-12-01T10:00:00", true)]
    [InlineData("reminders", "2026-12-01T10:30:00", false)]
    [InlineData("recurring", "2026-12-01T11:00:00", true)]
    [InlineData("housekeeping", "2026-12-01T03:30:00", true)]
    [InlineData("housekeeping", "2026-12-01T04:30:00", false)]
    [InlineData("digest", "2026-12-01T07:15:00", true)]
    [InlineData("digest", "2026-12-01T08:00:00", false)]
    [InlineData("reconciliation", "2026-12-01T07:15:00", true)]
    public void Schedules_are_due_when_their_feature_says(string job, string localTime, bool due)
    {
        using var app = new BillingApp().With("Digest:TimeOfDay", "07:15").With("Digest:TimeZone", "Europe/Berlin");
        app.Http();
        var declaration = app.Services.GetServices<JobDeclaration>().Single(j => j.Name == job);
        var schedule = declaration.Schedule(app.Services);
        Assert.Equal(job is "digest" or "reconciliation" ? "Europe/Berlin" : "UTC", schedule.Zone.Id);
        Assert.Equal(due, new CronExpression(schedule.Cron).IsDue(DateTime.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
