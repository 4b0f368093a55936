using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Platform.Api;

/// <summary>
/// The OpenAPI 3.1 document of /api/v1, generated from the mapped endpoints (api.md §2 "Documentation"). Only /api/v1
/// routes are described; every operation needs the "Bearer" scheme except the anonymous login.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string SchemeName = "Bearer";
    public const string Title = "Portal — API v1";
    public const string DocsTag = "Documentação";
    private const string ErrorSchema = "ApiError";

    private const string Description = """
        API JSON do Portal para scripts, integrações e aplicativos. Ela aplica as mesmas permissões e regras de
        visibilidade das telas: nunca concede mais do que a interface web ao mesmo usuário.

        **Autenticação:** obtenha um token em `POST /api/v1/auth/login` (e-mail e senha) e envie-o em todas as outras
        chamadas no cabeçalho `Authorization: Bearer <token>`. O token vale 24 horas; renove com `POST /api/v1/auth/refresh`.
        O cookie de sessão do navegador é ignorado em `/api/v1`.

        **Erros:** `{"error": "<código>", "message": "<texto>", "status": <int>, "requestId": "<id>"}`; erros de validação
        (400 `validation_failed`) trazem `fields` com mensagens em português por campo.

        **Limites:** 300 requisições por minuto por usuário (429 `rate_limited` com `Retry-After`); login: 10 por minuto por IP.
        """;

    public static void AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.ShouldInclude = d => d.RelativePath is { } path
                && (path == ApiModule.Prefix[1..] || path.StartsWith(ApiModule.Prefix[1..] + "/", StringComparison.Ordinal));
            o.AddDocumentTransformer(async (document, context, ct) =>
            {
                document.Info = new OpenApiInfo { Title = Title, Version = Name, Description = Description };
                document.AddComponent<IOpenApiSecurityScheme>(SchemeName, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Token obtido em POST /api/v1/auth/login, enviado como `Authorization: Bearer <token>`.",
                });
                document.AddComponent<IOpenApiSchema>(ErrorSchema, await context.GetOrCreateSchemaAsync(typeof(ApiError), null, ct));
                MoveDocsLast(document);
            });
            o.AddOperationTransformer(DescribeOperationAsync);
        });

    /// <summary>Readers come for the modules' endpoints: the document's own endpoint goes to the end of the reference.</summary>
    private static void MoveDocsLast(OpenApiDocument document)
    {
        static bool IsDocs(IOpenApiPathItem item) =>
            item.Operations?.Values.Any(o => o.Tags?.Any(t => t.Name == DocsTag) == true) == true;
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths.OrderBy(p => IsDocs(p.Value))) paths.Add(path, item);
        document.Paths = paths;
        if (document.Tags is { } tags)
            document.Tags = new HashSet<OpenApiTag>(tags.OrderBy(t => t.Name == DocsTag));
    }

    /// <summary>Security requirement and the shared error responses on each operation.</summary>
    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // The group's "api" tag only marks the plumbing; readers navigate by the modules' own tags.
        if (operation.Tags is { Count: > 1 } tags)
            foreach (var tag in tags.Where(t => t.Name == ApiModule.GroupTag).ToList()) tags.Remove(tag);

        var error = new OpenApiSchemaReference(ErrorSchema, context.Document);
        operation.Responses ??= [];
        // The generator writes the reason phrase; an endpoint's own description of an answer (ProducesError) says more.
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.Description is { Length: > 0 }))
        {
            if (operation.Responses.TryGetValue(produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                && response is OpenApiResponse writable)
                writable.Description = produces.Description;
        }
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() && !metadata.OfType<ApiDocsGate>().Any();
        if (!anonymous)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
            AddError(operation, "401", "Token ausente, malformado, expirado ou revogado, ou usuário inativo (`missing_token`, "
                + "`invalid_token_format`, `token_expired_or_invalid`, `user_not_found_or_inactive`).", error);
        }
        AddError(operation, "429", "Limite de requisições excedido (`rate_limited`); veja o cabeçalho `Retry-After`.", error);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Documents an error answer of one endpoint with the <see cref="ApiError"/> shape and a description naming its
    /// codes. 401 (bearer) and 429 are added to every operation by the document itself; declare them only to say more.
    /// </summary>
    public static RouteHandlerBuilder ProducesError(this RouteHandlerBuilder builder, int status, string description) =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiError), ["application/json"]) { Description = description });

    /// <summary>
    /// Documents a JSON request body that the handler reads itself. <c>Accepts&lt;T&gt;</c> would describe it too, but it
    /// also makes routing refuse other content types with its own 415 endpoint, which is not anonymous (so a form
    /// posted to login would get 401 missing_token instead of the API's 415).
    /// </summary>
    public static RouteHandlerBuilder DescribesJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var name = typeof(T).Name;
            context.Document!.AddComponent<IOpenApiSchema>(name, await context.GetOrCreateSchemaAsync(typeof(T), null, ct));
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, context.Document) },
                },
            };
        });

    private static void AddError(OpenApiOperation operation, string status, string description, IOpenApiSchema schema) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        });

    /// <summary>The document as JSON, with the server the caller reached (or the configured public URL).</summary>
    public static async Task<IResult> WriteAsync(HttpContext http, IConfiguration configuration)
    {
        var provider = http.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(Name);
        var document = await provider.GetOpenApiDocumentAsync(http.RequestAborted);
        var publicUrl = configuration["Portal:PublicUrl"];
        var server = publicUrl is { Length: > 0 } ? publicUrl.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        document.Servers = [new OpenApiServer { Url = server }];
        // Serialized to memory first: the writer is synchronous and Kestrel refuses synchronous body writes.
        using var buffer = new MemoryStream();
        await document.SerializeAsJsonAsync(buffer, OpenApiSpecVersion.OpenApi3_1, http.RequestAborted);
        return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    }
}
