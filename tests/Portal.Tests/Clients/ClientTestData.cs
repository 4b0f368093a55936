using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Clients;
using Portal.Platform.Audit;
using Portal.Platform.Validation;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>Unique clients, documents and users for the client tests (the shared app is used in parallel).</summary>
public static class ClientTestData
{
    public static string Token() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>A valid numeric CNPJ, random body (optionally with a given 8-character root), branch 0001 by default.</summary>
    public static string Cnpj(string? root = null, string branch = "0001")
    {
        root ??= string.Concat(Enumerable.Range(0, 8).Select(_ => Random.Shared.Next(10)));
        var body = root + branch;
        return body + Documents.CnpjCheckDigits(body);
    }

    public static string Cpf()
    {
        var body = string.Concat(Enumerable.Range(0, 9).Select(_ => Random.Shared.Next(10)));
        return body + Documents.CpfCheckDigits(body);
    }

    public static ClientInput Input(string? code = null, string? name = null, string? document = null) => new()
    {
        Code = code ?? "C" + Token(),
        Name = name ?? "Empresa " + Token(),
        Document = document ?? Cnpj(),
        OpeningDate = "2015-03-10",
        EstablishmentType = nameof(EstablishmentType.Matriz),
        TaxRegime = nameof(TaxRegime.SimplesNacional),
        BookkeepingAccrual = true,
        IsActive = true,
    };

    /// <summary>Creates a client through the real service (validation, audit) as a system write.</summary>
    public static async Task<Client> CreateAsync(PortalApp app, ClientInput? input = null, Action<ClientInput>? change = null)
    {
        input ??= Input();
        change?.Invoke(input);
        Client? client = null;
        await app.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<ClientService>().CreateAsync(input, true);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors!.SelectMany(e => e.Key + ": " + string.Join(",", e.Value))));
            client = result.Client;
        });
        return client!;
    }

    public static Task<Client?> LoadAsync(PortalApp app, long id) =>
        app.WithDbAsync(db => db.Clients().AsNoTracking().Include(c => c.Partners).Include(c => c.Contacts).ThenInclude(c => c.Channels)
            .Include(c => c.Systems).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id));

    public static Task<List<AuditEntry>> AuditAsync(PortalApp app, long clientId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.ResourceType == ClientService.ResourceType && a.ResourceId == clientId.ToString())
            .OrderBy(a => a.Id).ToListAsync());

    /// <summary>A user holding exactly <paramref name="grants"/> (through a fresh role).</summary>
    public static async Task<TestUser> UserWithAsync(SharedPortal portal, params string[] grants)
    {
        var role = await AccessTestData.RoleAsync(portal.App, grants);
        return await portal.Users.CreateAsync(roles: [role.Name]);
    }

    /// <summary>Form fields of the create/edit form for <paramref name="input"/>.</summary>
    public static List<(string, string)> Form(ClientInput input, int? version = null)
    {
        var f = new List<(string, string)>
        {
            ("Input.Document", input.Document ?? ""), ("Input.Code", input.Code ?? ""), ("Input.Name", input.Name ?? ""),
            ("Input.TradeName", input.TradeName ?? ""), ("Input.OpeningDate", input.OpeningDate ?? ""),
            ("Input.EstablishmentType", input.EstablishmentType ?? ""), ("Input.TaxRegime", input.TaxRegime ?? ""),
            ("Input.ParentClientId", input.ParentClientId?.ToString() ?? ""), ("Input.Email", input.Email ?? ""),
            ("Input.Phone", input.Phone ?? ""), ("Input.Notes", input.Notes ?? ""), ("Input.MainActivity", input.MainActivity ?? ""),
            ("Input.IsActive", input.IsActive ? "true" : "false"),
        };
        if (input.DeactivationReason is { } reason) f.Add(("Input.DeactivationReason", reason));
        if (input.BookkeepingCash) f.Add(("Input.BookkeepingCash", "true"));
        if (input.BookkeepingAccrual) f.Add(("Input.BookkeepingAccrual", "true"));
        foreach (var s in input.SystemIds) f.Add(("Input.SystemIds", s.ToString()));
        for (var i = 0; i < input.Partners.Count; i++)
        {
            var p = input.Partners[i];
            f.Add(("Input.Partners.Index", i.ToString()));
            if (p.Id is long pid) f.Add(($"Input.Partners[{i}].Id", pid.ToString()));
            f.Add(($"Input.Partners[{i}].Name", p.Name ?? ""));
            f.Add(($"Input.Partners[{i}].Qualification", p.Qualification ?? ""));
            if (p.IsAdministrator) f.Add(($"Input.Partners[{i}].IsAdministrator", "true"));
        }
        for (var i = 0; i < input.Contacts.Count; i++)
        {
            var c = input.Contacts[i];
            f.Add(("Input.Contacts.Index", "k" + i));
            if (c.Id is long cid) f.Add(($"Input.Contacts[k{i}].Id", cid.ToString()));
            f.Add(($"Input.Contacts[k{i}].Name", c.Name ?? ""));
            f.Add(($"Input.Contacts[k{i}].Role", c.Role ?? ""));
            for (var j = 0; j < c.Channels.Count; j++)
            {
                f.Add(($"Input.Contacts[k{i}].Channels.Index", "c" + j));
                f.Add(($"Input.Contacts[k{i}].Channels[c{j}].Type", c.Channels[j].Type ?? ""));
                f.Add(($"Input.Contacts[k{i}].Channels[c{j}].Value", c.Channels[j].Value ?? ""));
            }
        }
        if (version is int v) f.Add(("Version", v.ToString()));
        return f;
    }

    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
