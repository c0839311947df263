// complete: newcomer-api-builtin; web
// A minimal API on Kestrel's Sockets transport: GET /plaintext, and POST /echo answers with the request's body.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSockets();
var app = builder.Build();
app.MapGet("/plaintext", () => "Hello, World!");
app.MapPost("/echo", (HttpRequest request, HttpResponse response) => request.Body.CopyToAsync(response.Body));
app.Run();
