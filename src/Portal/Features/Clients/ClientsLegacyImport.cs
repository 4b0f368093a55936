using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Lookups;
using Portal.Platform.Ops.Import;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

/// <summary>
/// tbl_empresas and departamentos of the original (operations.md §9.3) → clients, partners, contacts, systems,
/// credentials (plaintext portal passwords of the original are encrypted here with the vault's key) and department
/// profiles. The original's data is dirty: duplicate codes get "-2", "-3"; invalid check digits are imported and
/// marked; JSON cut off by its VARCHAR column is reported and kept in the notes — except acessos, whose raw text holds
/// passwords and is therefore never copied anywhere.
/// </summary>
public sealed class ClientsLegacyImport(CredentialVault vault) : ILegacyImportStep
{
    public const string UnlinkedBranch = "Matriz não vinculada";

    private static readonly Dictionary<string, string> DepartmentCodes = new(StringComparer.Ordinal)
    {
        ["FISCAL"] = "fiscal", ["CONTABIL"] = "contabil", ["PESSOAL"] = "pessoal", ["ADMINISTRATIVO"] = "administrativo",
        ["FINANCEIRO"] = "financeiro", ["NOTAS FISCAIS"] = "notas_fiscais",
    };

    public int Order => 30;

    public async Task RunAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        await ImportClientsAsync(ctx, ct);
        await ImportDepartmentsAsync(ctx, ct);
    }

    private async Task ImportClientsAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("tbl_empresas", ct);
        var report = ctx.Report.For("tbl_empresas → clientes");
        report.Source = rows.Count;
        var existing = await ctx.Db.Clients().AsNoTracking().Select(c => new { c.Id, c.CodeNormalized, c.Document, c.EstablishmentType }).ToListAsync(ct);
        var codes = existing.Select(c => c.CodeNormalized).ToHashSet(StringComparer.Ordinal);
        var documents = existing.ToDictionary(c => c.Document, c => c.Id, StringComparer.Ordinal);
        var matrizByRoot = existing.Where(c => c.EstablishmentType == EstablishmentType.Matriz && c.Document.Length == 14)
            .GroupBy(c => c.Document[..8]).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var systems = await ctx.Db.LookupValues.AsNoTracking().Where(v => v.List.Key == DepartmentOptions.SystemsListKey)
            .Select(v => new { v.Id, v.Code, v.Label }).ToListAsync(ct);
        var systemIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in systems)
        {
            systemIds.TryAdd(TextNormalizer.Key(s.Label), s.Id);
            systemIds.TryAdd(TextNormalizer.Key(s.Code.Replace('-', ' ').Replace('_', ' ')), s.Id);
        }

        var branches = new List<(LegacyRow Row, Client Client)>();
        var added = new List<(LegacyRow Row, Client Client)>();
        var done = 0;
        // Matriz rows first, so a branch can find its head office among the rows of this same run.
        foreach (var row in rows.OrderBy(r => IsBranch(r) ? 1 : 0).ThenBy(r => r.Id))
        {
            ctx.Progress("clientes", ++done, rows.Count);
            var where = $"tbl_empresas #{row.Id} ({row.Text("codigo_empresa")})";
            if (ctx.TargetOf("tbl_empresas", row.Id, "Client") is { } mapped)
            {
                if (ctx.Update && await ctx.Db.Clients().FirstOrDefaultAsync(c => c.Id == mapped, ct) is { } current)
                {
                    current.Name = ctx.Fit(row.Text("nome_empresa"), 200, report, where) ?? current.Name;
                    current.NameNormalized = TextNormalizer.Key(current.Name);
                    current.IsActive = row.Bool("ativo") ?? current.IsActive;
                    current.MainActivity = ctx.Fit(row.Text("atividade_principal"), 200, report, where);
                    current.ClientSystem = ctx.Fit(row.Text("sistema_utilizado"), 150, report, where);
                    report.Updated++;
                }
                else report.Skipped++;
                continue;
            }

            var document = Documents.Clean(row.Text("cnpj"));
            ClientDocumentType type;
            if (document.Length == 14) type = ClientDocumentType.CNPJ;
            else if (document.Length == 11 && document.All(char.IsAsciiDigit)) type = ClientDocumentType.CPF;
            else
            {
                report.Skipped++;
                report.Warn($"{where}: CNPJ/CPF ausente ou com tamanho inválido (\"{row.Text("cnpj")}\"); cliente não importado.");
                continue;
            }
            if (documents.TryGetValue(document, out var sameDocument))
            {
                ctx.Remember("tbl_empresas", row.Id, "Client", sameDocument);
                report.Skipped++;
                report.Warn($"{where}: já existe no portal um cliente com o documento {Documents.Format(document)}; vinculado a ele.");
                continue;
            }

            var notes = new List<string>();
            var invalid = type == ClientDocumentType.CNPJ ? !Documents.IsCnpj(document) : !Documents.IsCpf(document);
            if (invalid) report.Warn($"{where}: {type} {Documents.Format(document)} com dígitos verificadores inválidos; importado e marcado.");

            var code = row.Text("codigo_empresa") ?? $"LEG-{row.Id}";
            if (code.Length > 27)
            {
                report.Warn($"{where}: código com mais de 27 caracteres truncado.");
                code = code[..27];
            }
            var codeKey = ClientValidator.NormalizeCode(code);
            if (!codes.Add(codeKey))
            {
                var original = code;
                for (var i = 2; !codes.Add(ClientValidator.NormalizeCode(code = $"{original}-{i}")); i++) { }
                codeKey = ClientValidator.NormalizeCode(code);
                report.Warn($"{where}: código {original} repetido; importado como {code}.");
            }

            var name = row.Text("nome_empresa");
            if (name is null)
            {
                name = $"Empresa {row.Id}";
                report.Warn($"{where}: sem nome; importado como \"{name}\".");
            }

            var kind = TextNormalizer.Key(row.Text("tipo_empresa"));
            var client = new Client
            {
                Code = code,
                CodeNormalized = codeKey,
                Name = ctx.Fit(name, 200, report, where)!,
                DocumentType = type,
                Document = document,
                DocumentInvalid = invalid,
                OpeningDate = row.Date("data_abertura"),
                EstablishmentType = kind == "FILIAL" ? EstablishmentType.Filial : EstablishmentType.Matriz,
                TaxRegime = kind == "MEI" ? TaxRegime.MEI : Regime(row.Text("tributacao"), report, where),
                MainActivity = ctx.Fit(row.Text("atividade_principal"), 200, report, where),
                ClientSystem = ctx.Fit(row.Text("sistema_utilizado"), 150, report, where),
                CredentialsNotes = ctx.Fit(row.Text("observacao_acessos"), 500, report, where),
                IsActive = row.Bool("ativo") ?? true,
            };
            client.NameNormalized = TextNormalizer.Key(client.Name);
            if (!client.IsActive) client.DeactivatedAt = ctx.NowUtc;

            if (row.Text("socio_administrador") is { } partner)
                client.Partners.Add(new ClientPartner { Name = ctx.Fit(partner, 150, report, where)!, IsAdministrator = true });

            Bookkeeping(row, client, notes, report, where);
            Systems(row, client, systemIds, notes, report, where);
            Credentials(ctx, row, client, report, where);
            Contacts(row, client, notes, report, where);

            if (client.EstablishmentType == EstablishmentType.Filial) branches.Add((row, client));
            if (notes.Count > 0) client.Notes = ctx.Fit(string.Join("\n", notes), 2000, report, where);
            documents[document] = 0;
            ctx.Db.Clients().Add(client);
            added.Add((row, client));
            report.Imported++;
            if (added.Count % 500 == 0)
            {
                await ctx.Db.SaveChangesAsync(ct);
                foreach (var (r, c) in added.Where(a => a.Client.EstablishmentType == EstablishmentType.Matriz && a.Client.Document.Length == 14))
                    matrizByRoot.TryAdd(c.Document[..8], c.Id);
            }
        }
        await ctx.Db.SaveChangesAsync(ct);
        foreach (var (_, c) in added.Where(a => a.Client.EstablishmentType == EstablishmentType.Matriz && a.Client.Document.Length == 14))
            matrizByRoot.TryAdd(c.Document[..8], c.Id);
        foreach (var (row, branch) in branches)
        {
            if (branch.Document.Length == 14 && matrizByRoot.TryGetValue(branch.Document[..8], out var parent) && parent != branch.Id)
            {
                branch.ParentClientId = parent;
            }
            else
            {
                report.Warn($"tbl_empresas #{row.Id} ({branch.Code}): filial sem matriz com a mesma raiz de CNPJ; marcada \"{UnlinkedBranch}\".");
                branch.Notes = string.IsNullOrEmpty(branch.Notes) ? UnlinkedBranch : $"{UnlinkedBranch}\n{branch.Notes}";
            }
        }
        foreach (var (row, client) in added) ctx.Remember("tbl_empresas", row.Id, "Client", client.Id);
        await ctx.SaveAsync(ct);
    }

    private static bool IsBranch(LegacyRow row) => TextNormalizer.Key(row.Text("tipo_empresa")) == "FILIAL";

    private static TaxRegime Regime(string? text, EntityReport report, string where)
    {
        var key = TextNormalizer.Key(text);
        if (key.Contains("SIMPLES", StringComparison.Ordinal)) return TaxRegime.SimplesNacional;
        if (key.Contains("PRESUMIDO", StringComparison.Ordinal)) return TaxRegime.LucroPresumido;
        if (key.Contains("REAL", StringComparison.Ordinal)) return TaxRegime.LucroReal;
        if (key.Contains("MEI", StringComparison.Ordinal)) return TaxRegime.MEI;
        report.Warn($"{where}: tributação \"{text}\" não reconhecida; importado como Simples Nacional.");
        return TaxRegime.SimplesNacional;
    }

    private static void Bookkeeping(LegacyRow row, Client client, List<string> notes, EntityReport report, string where)
    {
        var json = row.Json("regime_lancamento", out var raw);
        if (raw is null) return;
        if (json is null)
        {
            report.Warn($"{where}: regime_lancamento não interpretado (JSON inválido ou truncado); texto mantido nas observações.");
            notes.Add(LegacyImportContext.NotInterpretedPrefix + "regime_lancamento = " + LegacyImportContext.Preview(raw));
            return;
        }
        // Both historical shapes: a list of names, or an object of flags.
        var words = json.Value.ValueKind switch
        {
            JsonValueKind.Array => json.Value.EnumerateArray().Select(e => e.ToString()),
            JsonValueKind.Object => json.Value.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.True or JsonValueKind.String && p.Value.ToString() is not ("" or "false" or "0")).Select(p => p.Name),
            _ => [json.Value.ToString()],
        };
        foreach (var word in words.Select(w => TextNormalizer.Key(w)))
        {
            if (word.Contains("CAIXA", StringComparison.Ordinal)) client.BookkeepingCash = true;
            if (word.Contains("COMPET", StringComparison.Ordinal)) client.BookkeepingAccrual = true;
        }
    }

    private static void Systems(LegacyRow row, Client client, Dictionary<string, long> systemIds, List<string> notes, EntityReport report, string where)
    {
        var json = row.Json("sistemas_consultorias", out var raw);
        if (raw is null) return;
        if (json is null)
        {
            report.Warn($"{where}: sistemas_consultorias não interpretado (JSON inválido ou truncado); texto mantido nas observações.");
            notes.Add(LegacyImportContext.NotInterpretedPrefix + "sistemas_consultorias = " + LegacyImportContext.Preview(raw));
            return;
        }
        var names = json.Value.ValueKind == JsonValueKind.Object
            ? json.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.True).Select(p => p.Name)
            : LegacyImportContext.Items(json).Select(e => e.ToString());
        foreach (var name in names)
        {
            if (systemIds.TryGetValue(TextNormalizer.Key(name.Replace('_', ' ')), out var id))
            {
                if (client.Systems.All(s => s.LookupValueId != id)) client.Systems.Add(new ClientSystemLink { LookupValueId = id });
            }
            else report.Warn($"{where}: sistema \"{name}\" não existe na lista de sistemas; não vinculado.");
        }
    }

    private void Credentials(LegacyImportContext ctx, LegacyRow row, Client client, EntityReport report, string where)
    {
        var json = row.Json("acessos", out var raw);
        if (raw is null) return;
        if (json is null)
        {
            // The raw text holds plaintext passwords: it is reported, never copied to notes.
            report.Warn($"{where}: acessos não interpretado (JSON inválido ou truncado); nenhum acesso importado — confira no portal original.");
            return;
        }
        foreach (var item in LegacyImportContext.Items(json).Where(i => i.ValueKind == JsonValueKind.Object))
        {
            string? Field(string name) => item.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null && v.ToString().Trim() is { Length: > 0 } s ? s : null;
            var password = Field("senha");
            if (password is not null && Fernet.LooksLikeToken(password))
                password = ctx.DecryptLegacy(password, report, $"{where} acesso {Field("acesso")}");
            else if (password is not null) ctx.Secrets.Add(password);
            if (password is { Length: > CredentialVault.PasswordMax })
            {
                report.Warn($"{where}: senha do acesso {Field("acesso")} maior que {CredentialVault.PasswordMax} caracteres; não importada.");
                password = null;
            }
            client.Credentials.Add(new ClientCredential
            {
                SystemName = ctx.Fit(Field("acesso"), 100, report, where) ?? "Acesso",
                Url = ctx.Fit(Field("link"), 500, report, where),
                Username = ctx.Fit(Field("usuario"), 150, report, where),
                PasswordEncrypted = string.IsNullOrEmpty(password) ? null : vault.Protect(password),
                PasswordUpdatedAt = string.IsNullOrEmpty(password) ? null : ctx.NowUtc,
                Notes = ctx.Fit(Field("observacao"), 500, report, where),
            });
        }
    }

    private static void Contacts(LegacyRow row, Client client, List<string> notes, EntityReport report, string where)
    {
        var json = row.Json("contatos", out var raw);
        if (raw is null) return;
        if (json is null)
        {
            report.Warn($"{where}: contatos não interpretado (JSON inválido ou truncado); texto mantido nas observações.");
            notes.Add(LegacyImportContext.NotInterpretedPrefix + "contatos = " + LegacyImportContext.Preview(raw));
            return;
        }
        var order = 0;
        foreach (var item in LegacyImportContext.Items(json))
        {
            var contact = ContactFrom(item);
            if (contact is null) continue;
            contact.SortOrder = order += 10;
            contact.IsPrimary = order == 10;
            client.Contacts.Add(contact);
        }
    }

    /// <summary>Both shapes of the original: {nome, email, telefone, cargo, …} objects or "Nome - telefone" strings.</summary>
    internal static ClientContact? ContactFrom(JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            var text = item.GetString()?.Trim();
            return string.IsNullOrEmpty(text) ? null : new ClientContact { Name = Cut(text, 120)! };
        }
        if (item.ValueKind != JsonValueKind.Object) return null;
        string? Field(params string[] names) => names.Select(n => item.TryGetProperty(n, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString().Trim() : null)
            .FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var contact = new ClientContact
        {
            Name = Cut(Field("nome", "name", "contato") ?? "Contato", 120)!,
            Role = Cut(Field("cargo", "funcao", "departamento", "setor"), 80),
            Notes = Cut(Field("observacao", "obs"), 300),
        };
        var sort = 0;
        if (Field("email", "e-mail") is { } email) contact.Channels.Add(new ContactChannel { Type = ContactChannelType.Email, Value = Cut(email, 254)!, SortOrder = sort += 10 });
        if (Field("telefone", "phone", "fone") is { } phone) contact.Channels.Add(new ContactChannel { Type = ContactChannelType.Phone, Value = Cut(phone, 254)!, SortOrder = sort += 10 });
        if (Field("whatsapp", "celular") is { } mobile) contact.Channels.Add(new ContactChannel { Type = ContactChannelType.WhatsApp, Value = Cut(mobile, 254)!, SortOrder = sort += 10 });
        return contact;
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static async Task ImportDepartmentsAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("departamentos", ct);
        var report = ctx.Report.For("departamentos → perfis");
        report.Source = rows.Count;
        var types = await ctx.Db.DepartmentTypes().AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var listKeys = DepartmentOptions.All.Select(g => g.ListKey).ToList();
        var options = (await ctx.Db.LookupValues.AsNoTracking().Where(v => listKeys.Contains(v.List.Key))
            .Select(v => new { ListKey = v.List.Key, v.Code, v.Label }).ToListAsync(ct))
            .GroupBy(v => v.ListKey).ToDictionary(g => g.Key, g => g.ToList());

        // Several rows for the same client and type: the most recently updated wins (operations.md §9.3).
        var groups = rows.GroupBy(r => (Client: r.Number("empresa_id") ?? 0, Type: DepartmentCode(r.Text("tipo"))));
        var done = 0;
        foreach (var group in groups)
        {
            var ordered = group.OrderByDescending(r => r.Utc("updated_at") ?? DateTime.MinValue).ThenByDescending(r => r.Id).ToList();
            var row = ordered[0];
            var where = $"departamentos #{row.Id}";
            done += ordered.Count;
            ctx.Progress("perfis de departamento", done, rows.Count);
            foreach (var loser in ordered.Skip(1))
            {
                report.Skipped++;
                report.Warn($"departamentos #{loser.Id}: outro registro do mesmo cliente e tipo (#{row.Id}) é mais recente; ignorado.");
            }
            if (ctx.TargetOf("departamentos", row.Id, "ClientDepartmentProfile") is not null)
            {
                report.Skipped++;
                continue;
            }
            if (group.Key.Type is null || !types.TryGetValue(group.Key.Type, out var type))
            {
                report.Skipped++;
                report.Warn($"{where}: tipo \"{row.Text("tipo")}\" desconhecido; ignorado.");
                continue;
            }
            if (ctx.TargetOf("tbl_empresas", group.Key.Client, "Client") is not { } clientId)
            {
                report.Skipped++;
                report.Warn($"{where}: cliente {group.Key.Client} não importado; perfil ignorado.");
                continue;
            }
            if (await ctx.Db.DepartmentProfiles().AnyAsync(p => p.ClientId == clientId && p.DepartmentTypeId == type.Id, ct))
            {
                report.Skipped++;
                report.Warn($"{where}: o cliente já tem perfil {type.Label} no portal; mantido o existente.");
                continue;
            }

            long? responsible = null;
            if (row.Text("responsavel") is { } person)
            {
                responsible = long.TryParse(person, out var legacyUser) ? ctx.UserId(legacyUser) : ctx.UserByName(person);
                if (responsible is null) report.Warn($"{where}: responsável \"{person}\" não corresponde a um usuário importado.");
            }
            var profile = new ClientDepartmentProfile
            {
                ClientId = clientId,
                DepartmentTypeId = type.Id,
                ResponsibleUserId = responsible,
                Description = ctx.Fit(row.Text("descricao"), 500, report, where),
                Particularities = row.Text("particularidades_texto"),
                MovementNotes = ctx.Fit(row.Text("observacao_movimento"), 500, report, where),
                ImportNotes = ctx.Fit(row.Text("observacao_importacao"), 500, report, where),
                ContactNotes = ctx.Fit(row.Text("observacao_contato"), 500, report, where),
                ReportControlNotes = ctx.Fit(row.Text("observacao_controle_relatorios"), 500, report, where),
                PayrollSendDate = ctx.Fit(row.Text("data_envio"), 100, report, where),
                EmployeeRegistration = ctx.Fit(row.Text("registro_funcionarios"), 200, report, where),
                TimeClock = ctx.Fit(row.Text("ponto_eletronico"), 200, report, where),
                Payment = ctx.Fit(row.Text("pagamento_funcionario"), 200, report, where),
                UpdatedAt = row.Utc("updated_at") ?? default,
                CreatedAt = row.Utc("updated_at") ?? default,
            };
            var unparsed = new List<string>();
            foreach (var (column, group2) in new[]
            {
                ("formas_importacao", DepartmentOptions.ImportMethods), ("forma_movimento", DepartmentOptions.Movement),
                ("envio_digital", DepartmentOptions.DigitalDelivery), ("envio_fisico", DepartmentOptions.PhysicalDelivery),
                ("malote_coleta", DepartmentOptions.PouchPickup), ("metodo_importacao", DepartmentOptions.AccountingImport),
                ("controle_relatorios", DepartmentOptions.ReportControls),
            })
            {
                if (!group2.AppliesTo(type.FieldSet)) continue;
                var values = OptionValues(row, column, out var broken);
                if (broken is not null)
                {
                    report.Warn($"{where}: {column} não interpretado (JSON inválido ou truncado); texto mantido nas particularidades.");
                    unparsed.Add($"{column} = {LegacyImportContext.Preview(broken)}");
                    continue;
                }
                var list = options.GetValueOrDefault(group2.ListKey) ?? [];
                foreach (var value in values)
                {
                    var key = TextNormalizer.Key(value);
                    var match = list.FirstOrDefault(o => TextNormalizer.Key(o.Code) == key || TextNormalizer.Key(o.Label) == key);
                    if (match is null) report.Warn($"{where}: opção \"{value}\" de {group2.Label} não existe na lista; ignorada.");
                    else if (profile.Options.All(o => o.Group != group2.Key || o.OptionCode != match.Code))
                    {
                        if (!group2.Multiple && profile.Options.Any(o => o.Group == group2.Key)) continue;
                        profile.Options.Add(new ClientDepartmentOption { Group = group2.Key, OptionCode = match.Code });
                    }
                }
            }
            if (unparsed.Count > 0)
                profile.Particularities = string.Join("\n", [.. unparsed.Select(u => LegacyImportContext.NotInterpretedPrefix + u), profile.Particularities ?? ""]).Trim();
            ctx.Db.DepartmentProfiles().Add(profile);
            await ctx.Db.SaveChangesAsync(ct);
            await LinkDepartmentContactsAsync(ctx, row, profile, report, where, ct);
            ctx.Remember("departamentos", row.Id, "ClientDepartmentProfile", profile.Id);
            report.Imported++;
        }
        await ctx.SaveAsync(ct);
    }

    /// <summary>departamentos.contatos → the client's contacts (matched by name, else added to the client) linked to
    /// the profile, as the portal keeps one contact list per client.</summary>
    private static async Task LinkDepartmentContactsAsync(LegacyImportContext ctx, LegacyRow row, ClientDepartmentProfile profile,
        EntityReport report, string where, CancellationToken ct)
    {
        var json = row.Json("contatos", out var raw);
        if (raw is null) return;
        if (json is null)
        {
            report.Warn($"{where}: contatos não interpretado (JSON inválido ou truncado); texto mantido nas observações de contato.");
            profile.ContactNotes = ctx.Fit(string.Join("\n", [profile.ContactNotes, LegacyImportContext.NotInterpretedPrefix + LegacyImportContext.Preview(raw)]).Trim(),
                500, report, where);
            await ctx.Db.SaveChangesAsync(ct);
            return;
        }
        var existing = await ctx.Db.ClientContacts().Where(c => c.ClientId == profile.ClientId).ToListAsync(ct);
        var order = existing.Count == 0 ? 0 : existing.Max(c => c.SortOrder);
        var linked = new List<ClientContact>();
        foreach (var item in LegacyImportContext.Items(json))
        {
            if (ContactFrom(item) is not { } parsed) continue;
            var contact = existing.FirstOrDefault(c => TextNormalizer.Key(c.Name) == TextNormalizer.Key(parsed.Name));
            if (contact is null)
            {
                parsed.ClientId = profile.ClientId;
                parsed.SortOrder = order += 10;
                ctx.Db.ClientContacts().Add(parsed);
                existing.Add(contact = parsed);
            }
            if (!linked.Contains(contact)) linked.Add(contact);
        }
        await ctx.Db.SaveChangesAsync(ct);
        foreach (var contact in linked) profile.Contacts.Add(new ClientDepartmentContact { ProfileId = profile.Id, ContactId = contact.Id });
        await ctx.Db.SaveChangesAsync(ct);
    }

    private static string? DepartmentCode(string? tipo)
    {
        var key = TextNormalizer.Key(tipo);
        if (key.StartsWith("DEPARTAMENTO ", StringComparison.Ordinal)) key = key["DEPARTAMENTO ".Length..];
        return DepartmentCodes.GetValueOrDefault(key);
    }

    private static List<string> OptionValues(LegacyRow row, string column, out string? broken)
    {
        broken = null;
        var raw = row.Text(column);
        if (raw is null) return [];
        if (!raw.StartsWith('[') && !raw.StartsWith('{') && !raw.StartsWith('"')) return [raw];
        var json = row.Json(column, out _);
        if (json is null)
        {
            broken = raw;
            return [];
        }
        return json.Value.ValueKind switch
        {
            JsonValueKind.Array => json.Value.EnumerateArray().Select(e => e.ToString()).Where(s => s.Length > 0).ToList(),
            JsonValueKind.String => [json.Value.GetString()!],
            _ => [],
        };
    }
}
