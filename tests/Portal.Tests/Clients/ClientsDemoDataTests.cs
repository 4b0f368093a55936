using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Clients;
using Portal.Platform.Data;
using Portal.Platform.Validation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Clients;

/// <summary>The generator behind the demo data and `seed-demo --scale large` (ClientsDemoData.GenerateAsync).</summary>
public abstract class ClientsDemoDataTests(SharedPortal portal) : IntegrationTest(portal)
{
    [Fact]
    public async Task Generates_valid_unique_clients_with_children_across_chunks()
    {
        IReadOnlyList<long> ids = [];
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var protector = sp.GetRequiredService<IDataProtectionProvider>().CreateProtector(CredentialVault.Purpose);
            ids = await ClientsDemoData.GenerateAsync(db, 230, new Random(7), protector);
        });
        Assert.Equal(230, ids.Distinct().Count());

        var clients = await App.WithDbAsync(db => db.Clients().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Include(c => c.Partners).Include(c => c.Contacts).ThenInclude(c => c.Channels).AsSplitQuery().ToListAsync());
        Assert.All(clients, c =>
        {
            Assert.True(c.DocumentType == ClientDocumentType.CPF ? Documents.IsCpf(c.Document) : Documents.IsCnpj(c.Document), c.Document);
            Assert.Equal(Portal.Platform.Text.TextNormalizer.Key(c.Name), c.NameNormalized);
            Assert.NotEmpty(c.Contacts);
            Assert.All(c.Contacts.SelectMany(x => x.Channels), ch => Assert.True(ch.Type == ContactChannelType.Email ? Validators.IsEmail(ch.Value) : ch.Value.Length == 11));
            if (c.EstablishmentType == EstablishmentType.Filial)
            {
                var parent = clients.FirstOrDefault(p => p.Id == c.ParentClientId);
                Assert.NotNull(parent);
                Assert.Equal(parent.Document[..8], c.Document[..8]);
            }
        });
        Assert.Contains(clients, c => c.TaxRegime == TaxRegime.MEI);
        Assert.Contains(clients, c => c.EstablishmentType == EstablishmentType.Filial);
        Assert.Contains(clients, c => c.DocumentType == ClientDocumentType.CPF);

        var profiles = await App.WithDbAsync(db => db.DepartmentProfiles().AsNoTracking().Include(p => p.Options).Where(p => ids.Contains(p.ClientId)).ToListAsync());
        Assert.True(profiles.Count > 230, profiles.Count.ToString());
        Assert.All(profiles.Where(p => p.Options.Any(o => o.OptionCode == "malote")), p => Assert.Contains(p.Options, o => o.Group == "pouch_pickup"));

        // Generated credentials are readable by the vault (same Data Protection purpose).
        var credential = await App.WithDbAsync(db => db.ClientCredentials().AsNoTracking().FirstAsync(c => ids.Contains(c.ClientId)));
        using var api = new ApiClient(App);
        await api.LoginAsync(Users.Administrator.Email, Users.Administrator.Password);
        var reveal = await api.PostAsync($"/api/v1/clients/{credential.ClientId}/credentials/{credential.Id}/reveal");
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        Assert.StartsWith("demo-", JsonDocument.Parse(await reveal.Content.ReadAsStringAsync()).RootElement.GetProperty("password").GetString(), StringComparison.Ordinal);

        // The pages open on generated data.
        using var web = await Users.LoginAsync(Users.Administrator);
        var filial = clients.First(c => c.EstablishmentType == EstablishmentType.Filial);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync($"/clientes/{filial.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync($"/clientes/{filial.ParentClientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync($"/clientes/{filial.Id}/departamentos")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClientsDemoDataTestsSqlite(SqlitePortal portal) : ClientsDemoDataTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ClientsDemoDataTestsMySql(MySqlPortal portal) : ClientsDemoDataTests(portal);
