using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Identity;
using Portal.Platform.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

public sealed record NamedId(long Id, string Name);

/// <summary>Unique sectors and roles for the access-administration tests (the shared app is used in parallel).</summary>
public static class AccessTestData
{
    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<NamedId> SectorAsync(PortalApp app, string[]? grants = null, bool active = true, string? name = null)
    {
        name ??= Unique("Setor");
        var sector = new Sector { Name = name, NameNormalized = TextNormalizer.Key(name), IsActive = active, Color = "#123456", SortOrder = 500 };
        await app.WithDbAsync(async db =>
        {
            db.Sectors.Add(sector);
            foreach (var code in grants ?? []) db.PermissionGrants.Add(new PermissionGrant { PermissionCode = code, Sector = sector });
            await db.SaveChangesAsync();
        });
        return new NamedId(sector.Id, name);
    }

    public static async Task<NamedId> RoleAsync(PortalApp app, string[]? grants = null, string? name = null)
    {
        name ??= Unique("Papel");
        var role = new Role { Name = name, NameNormalized = TextNormalizer.Key(name), SortOrder = 500 };
        await app.WithDbAsync(async db =>
        {
            db.Roles.Add(role);
            foreach (var code in grants ?? []) db.PermissionGrants.Add(new PermissionGrant { PermissionCode = code, Role = role });
            await db.SaveChangesAsync();
        });
        return new NamedId(role.Id, name);
    }

    public static Task<List<string>> RoleGrantsAsync(PortalApp app, long roleId) =>
        app.WithDbAsync(db => db.PermissionGrants.Where(g => g.RoleId == roleId).Select(g => g.PermissionCode).OrderBy(c => c).ToListAsync());

    public static Task<List<string>> SectorGrantsAsync(PortalApp app, long sectorId) =>
        app.WithDbAsync(db => db.PermissionGrants.Where(g => g.SectorId == sectorId).Select(g => g.PermissionCode).OrderBy(c => c).ToListAsync());

    /// <summary>Follows one redirect (PRG) and returns the decoded HTML of the target page.</summary>
    public static async Task<string> FollowAsync(TestClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetAsync(response.Headers.Location!.OriginalString);
        return WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
    }

    public static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
