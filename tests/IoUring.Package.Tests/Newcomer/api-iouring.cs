// complete: newcomer-api-iouring; web
using IoUring.Interop.AspNetCore;

// A minimal API on the io_uring transport: GET /plaintext, and POST /echo answers with the request's body.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseIoUring(options => options.RequireIoUring = true);   // no silent fallback to Sockets
var app = builder.Build();
app.MapGet("/plaintext", () => "Hello, World!");
app.MapPost("/echo", (HttpRequest request, HttpResponse response) => request.Body.CopyToAsync(response.Body));
app.Run();
