// Stand-in entry point so the solution (and the tests that reference the host) build on the documents
// branch; the host's real Program.cs is written on main and replaces this file when the branches meet.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
