using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Setup;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

/// <summary>
/// Realistic generated clients for demos and the large benchmark data set (platform.md §13: 600 clients): valid
/// CNPJs/CPFs, partners, contacts with channels, systems, department profiles, some filiais, MEI and CPF clients.
/// Inserted in chunks without audit entries or per-row validation, so thousands take seconds.
/// </summary>
public sealed class ClientsDemoData(IDataProtectionProvider protection, IConfiguration configuration) : IDemoDataContributor
{
    public const int DemoCount = 12;
    /// <summary>Overrides <see cref="DemoCount"/> (bench/clients.sh seeds 600, the reference data set of platform.md §13).</summary>
    public const string DemoCountKey = "Clients:DemoCount";
    private const int Chunk = 200;

    private static readonly string[] Kinds =
    [
        "Comércio de Alimentos", "Indústria Têxtil", "Distribuidora", "Transportes", "Construtora", "Padaria e Confeitaria", "Auto Peças",
        "Clínica Odontológica", "Restaurante", "Supermercado", "Farmácia", "Consultoria", "Tecnologia", "Agropecuária", "Hotel",
        "Materiais de Construção", "Móveis", "Ótica", "Pet Shop", "Escola de Idiomas", "Academia", "Gráfica", "Laboratório", "Imobiliária",
    ];

    private static readonly string[] Surnames =
    [
        "Silva", "Souza", "Oliveira", "Santos", "Pereira", "Costa", "Rodrigues", "Almeida", "Nascimento", "Lima", "Araújo", "Fernandes",
        "Carvalho", "Gomes", "Martins", "Rocha", "Ribeiro", "Alves", "Monteiro", "Mendes", "Barbosa", "Cardoso", "Teixeira", "Correia",
        "Dias", "Vieira", "Moreira", "Nunes", "Soares", "Campos", "Schmitt", "Becker", "Koch", "Conceição", "Magalhães", "Brandão",
    ];

    private static readonly string[] FirstNames =
    [
        "Ana", "João", "Maria", "José", "Carla", "Paulo", "Fernanda", "Ricardo", "Juliana", "Marcos", "Patrícia", "André", "Luciana",
        "Rafael", "Camila", "Bruno", "Aline", "Thiago", "Beatriz", "Gustavo", "Larissa", "Felipe", "Mariana", "Rodrigo", "Sônia",
    ];

    private static readonly (string City, string District)[] Places =
    [
        ("Florianópolis", "Centro"), ("São José", "Kobrasol"), ("Palhoça", "Pagani"), ("Biguaçu", "Centro"), ("Joinville", "América"),
        ("Blumenau", "Velha"), ("Itajaí", "Fazenda"), ("Criciúma", "Próspera"), ("Tubarão", "Oficinas"), ("Lages", "Coral"),
    ];

    private static readonly string[] Streets = ["Rua das Flores", "Avenida Brasil", "Rua XV de Novembro", "Rua Felipe Schmidt", "Avenida Beira-Mar", "Rua Bocaiúva", "Rodovia SC-401"];

    private static readonly string[] Portals = ["Prefeitura – NFS-e", "eSocial", "Receita Federal – e-CAC", "SEFAZ/SC", "Caixa – Conectividade Social", "Simples Nacional"];

    private static readonly string[] Suffixes = ["Ltda", "Ltda EPP", "EIRELI", "S.A.", "ME"];
    private static readonly string[] FiscalImports = ["entradas_xml", "saidas_sped", "entradas_sieg", "nfce_sped"];
    private static readonly string[] Movements = ["digital", "fisico", "digital_fisico"];
    private static readonly string[] DigitalDeliveries = ["email", "whatsapp", "acessorias"];
    private static readonly string[] Pickups = ["cliente_traz", "escritorio_busca"];

    public int Order => 100;

    /// <summary>The small demo set (`portal seed-demo`): a dozen clients with credentials, once.</summary>
    public async Task SeedAsync(PortalDb db, CancellationToken ct = default)
    {
        if (await db.Clients().AnyAsync(ct)) return;
        var count = Math.Clamp(configuration.GetValue(DemoCountKey, DemoCount), 0, 100_000);
        await GenerateAsync(db, count, new Random(2026), protection.CreateProtector(CredentialVault.Purpose), ct);
    }

    /// <summary>
    /// Inserts <paramref name="count"/> clients (codes continue after the highest numeric code, documents unique)
    /// and returns their ids. Responsible users are drawn from the active users. With <paramref name="passwordProtector"/>
    /// (purpose <see cref="CredentialVault.Purpose"/>) every third client gets an encrypted portal credential.
    /// </summary>
    public static async Task<IReadOnlyList<long>> GenerateAsync(PortalDb db, int count, Random rng, IDataProtector? passwordProtector = null, CancellationToken ct = default)
    {
        var documents = (await db.Clients().Select(c => c.Document).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var codes = (await db.Clients().Select(c => c.CodeNormalized).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var nextCode = codes.Select(c => int.TryParse(c, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var users = await db.Users.Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var systems = await db.LookupValues.Where(v => v.List.Key == DepartmentOptions.SystemsListKey && v.IsActive).Select(v => v.Id).ToListAsync(ct);
        var types = await db.DepartmentTypes().ToDictionaryAsync(t => t.Code, ct);
        var ids = new List<long>(count);
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            Client? lastMatriz = null;
            for (var start = 0; start < count; start += Chunk)
            {
                var batch = new List<Client>();
                for (var i = start; i < Math.Min(count, start + Chunk); i++)
                {
                    while (codes.Contains(nextCode.ToString(System.Globalization.CultureInfo.InvariantCulture))) nextCode++;
                    var code = (nextCode++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    codes.Add(code);
                    var client = NewClient(rng, code, documents, systems, lastMatriz, passwordProtector, i);
                    batch.Add(client);
                    if (client.EstablishmentType == EstablishmentType.Matriz && client.TaxRegime != TaxRegime.MEI) lastMatriz = client;
                }
                // Filiais point at a matriz of the same batch or of an earlier one (already saved, with its id).
                db.Clients().AddRange(batch);
                await db.SaveChangesAsync(ct);
                foreach (var client in batch)
                {
                    foreach (var profile in Profiles(rng, client, types, users)) db.DepartmentProfiles().Add(profile);
                    ids.Add(client.Id);
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                if (lastMatriz is not null) lastMatriz = new Client { Id = lastMatriz.Id, Document = lastMatriz.Document, EstablishmentType = EstablishmentType.Matriz };
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        return ids;
    }

    private static Client NewClient(Random rng, string code, HashSet<string> documents, List<long> systems, Client? matriz, IDataProtector? protector, int index)
    {
        var roll = rng.NextDouble();
        var kind = roll < 0.05 ? "cpf" : roll < 0.15 ? "mei" : roll < 0.25 && matriz is not null ? "filial" : "matriz";
        var surname = Pick(rng, Surnames);
        var person = $"{Pick(rng, FirstNames)} {surname} {Pick(rng, Surnames)}";
        string document;
        do
        {
            document = kind switch
            {
                "cpf" => Cpf(rng),
                "filial" => Cnpj(matriz!.Document[..8], $"{rng.Next(2, 40):0000}"),
                _ => Cnpj(string.Concat(Enumerable.Range(0, 8).Select(_ => rng.Next(10))), "0001"),
            };
        }
        while (!documents.Add(document));

        var name = kind switch
        {
            "cpf" => person.ToUpperInvariant(),
            "mei" => $"{person} {Pick(rng, Kinds)}".ToUpperInvariant(),
            _ => $"{Pick(rng, Kinds)} {surname} {Pick(rng, Suffixes)}".ToUpperInvariant(),
        };
        var regime = kind == "mei" ? TaxRegime.MEI
            : rng.NextDouble() switch { < 0.5 => TaxRegime.SimplesNacional, < 0.85 => TaxRegime.LucroPresumido, _ => TaxRegime.LucroReal };
        var (city, district) = Pick(rng, Places);
        var client = new Client
        {
            Code = code, CodeNormalized = code, Name = name, NameNormalized = TextNormalizer.Key(name),
            TradeName = kind == "cpf" ? null : $"{Pick(rng, Kinds)} {surname}", DocumentType = kind == "cpf" ? ClientDocumentType.CPF : ClientDocumentType.CNPJ,
            Document = document, OpeningDate = kind == "cpf" ? null : new DateOnly(rng.Next(1985, 2025), rng.Next(1, 13), rng.Next(1, 29)),
            EstablishmentType = kind switch { "cpf" => null, "filial" => EstablishmentType.Filial, _ => EstablishmentType.Matriz },
            ParentClientId = kind == "filial" ? matriz!.Id : null, ParentClient = kind == "filial" && matriz!.Id == 0 ? matriz : null,
            TaxRegime = regime, BookkeepingAccrual = rng.NextDouble() < 0.8, MainActivityCode = "4711-3/02", MainActivity = "Comércio varejista de mercadorias em geral",
            Street = Pick(rng, Streets), Number = rng.Next(1, 3000).ToString(System.Globalization.CultureInfo.InvariantCulture), District = district,
            City = city, State = "SC", PostalCode = $"88{rng.Next(0, 1000000):000000}", Phone = $"48{rng.Next(30000000, 39999999)}",
            Email = $"contato{code}@cliente{code}.com.br", IsActive = rng.NextDouble() > 0.04,
        };
        client.TradeNameNormalized = client.TradeName is null ? null : TextNormalizer.Key(client.TradeName);
        client.BookkeepingCash = !client.BookkeepingAccrual || rng.NextDouble() < 0.1;
        if (!client.IsActive) client.DeactivationReason = "Encerrou as atividades";
        if (regime != TaxRegime.MEI)
            foreach (var s in systems.OrderBy(_ => rng.Next()).Take(rng.Next(0, 4))) client.Systems.Add(new ClientSystemLink { LookupValueId = s });
        if (kind != "cpf")
        {
            client.Partners.Add(new ClientPartner { Name = person.ToUpperInvariant(), Qualification = "Sócio-Administrador", IsAdministrator = true, SortOrder = 0 });
            if (rng.NextDouble() < 0.5)
                client.Partners.Add(new ClientPartner { Name = $"{Pick(rng, FirstNames)} {surname}".ToUpperInvariant(), Qualification = "Sócio", SortOrder = 1 });
        }
        var contacts = rng.Next(1, 3);
        for (var c = 0; c < contacts; c++)
        {
            var first = Pick(rng, FirstNames);
            var contact = new ClientContact { Name = $"{first} {Pick(rng, Surnames)}", Role = c == 0 ? "Financeiro" : "Administrativo", IsPrimary = c == 0, SortOrder = c };
            contact.Channels.Add(new ContactChannel { Type = ContactChannelType.Email, Value = $"{TextNormalizer.Slug(first)}{c}@cliente{code}.com.br", SortOrder = 0 });
            contact.Channels.Add(new ContactChannel { Type = ContactChannelType.WhatsApp, Value = $"489{rng.Next(10000000, 99999999)}", SortOrder = 1 });
            client.Contacts.Add(contact);
        }
        if (protector is not null && index % 3 == 0)
            client.Credentials.Add(new ClientCredential
            {
                SystemName = Pick(rng, Portals), Url = "https://portal.exemplo.gov.br", Username = $"cliente{code}",
                PasswordEncrypted = protector.Protect(System.Text.Encoding.UTF8.GetBytes($"demo-{code}-{rng.Next(1000, 9999)}")),
                PasswordUpdatedAt = DateTime.UtcNow,
            });
        return client;
    }

    private static IEnumerable<ClientDepartmentProfile> Profiles(Random rng, Client client, Dictionary<string, DepartmentType> types, List<long> users)
    {
        long? Responsible() => users.Count == 0 ? null : users[rng.Next(users.Count)];
        var mei = client.TaxRegime == TaxRegime.MEI;
        if (!mei && types.TryGetValue("fiscal", out var fiscal))
        {
            var p = new ClientDepartmentProfile { ClientId = client.Id, DepartmentTypeId = fiscal.Id, ResponsibleUserId = Responsible(), Description = "Apuração mensal de impostos" };
            foreach (var code in FiscalImports.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)))
                p.Options.Add(new ClientDepartmentOption { Group = DepartmentOptions.ImportMethods.Key, OptionCode = code });
            Movement(rng, p);
            yield return p;
        }
        if (!mei && types.TryGetValue("contabil", out var contabil))
        {
            var p = new ClientDepartmentProfile { ClientId = client.Id, DepartmentTypeId = contabil.Id, ResponsibleUserId = Responsible() };
            p.Options.Add(new ClientDepartmentOption { Group = DepartmentOptions.AccountingImport.Key, OptionCode = rng.NextDouble() < 0.7 ? "importado" : "digitado" });
            p.Options.Add(new ClientDepartmentOption { Group = DepartmentOptions.ReportControls.Key, OptionCode = "saldo_final_mes" });
            Movement(rng, p);
            yield return p;
        }
        if (types.TryGetValue("pessoal", out var pessoal) && rng.NextDouble() < 0.6)
            yield return new ClientDepartmentProfile
            {
                ClientId = client.Id, DepartmentTypeId = pessoal.Id, ResponsibleUserId = Responsible(), PayrollSendDate = $"até o dia {rng.Next(20, 28)}",
                TimeClock = rng.NextDouble() < 0.5 ? "Ponto eletrônico" : "Cartão manual", Payment = "Transferência bancária",
            };
    }

    /// <summary>A movement choice with the deliveries the rules require (clients.md §6).</summary>
    private static void Movement(Random rng, ClientDepartmentProfile p)
    {
        var movement = Pick(rng, Movements);
        p.Options.Add(new ClientDepartmentOption { Group = DepartmentOptions.Movement.Key, OptionCode = movement });
        if (DepartmentOptions.MovementIncludesDigital(movement))
            p.Options.Add(new ClientDepartmentOption { Group = DepartmentOptions.DigitalDelivery.Key, OptionCode = Pick(rng, DigitalDeliveries) });
        if (DepartmentOptions.MovementIncludesPhysical(movement))
        {
            p.Options.Add(new ClientDepartmentOption { Group = DepartmentOptions.PhysicalDelivery.Key, OptionCode = DepartmentOptions.PouchCode });
            p.Options.Add(new ClientDepartmentOption { Group = DepartmentOptions.PouchPickup.Key, OptionCode = Pick(rng, Pickups) });
        }
    }

    private static string Cnpj(string root, string branch) => root + branch + Documents.CnpjCheckDigits(root + branch);

    private static string Cpf(Random rng)
    {
        var body = string.Concat(Enumerable.Range(0, 9).Select(_ => rng.Next(10)));
        return body + Documents.CpfCheckDigits(body);
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
