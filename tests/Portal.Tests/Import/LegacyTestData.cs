using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Platform.Time;
using Portal.Platform.Validation;

namespace Portal.Tests.Import;

/// <summary>
/// Realistic rows of the original, dirty data included (legacy-schema.md / operations.md §9): truncated JSON in
/// VARCHAR columns, a person's id stored as text, duplicate client codes, invalid CNPJs, naive São Paulo timestamps,
/// a missing upload, plaintext portal passwords inside JSON and copied into the audit log, a Fernet-encrypted value.
/// </summary>
public static class LegacyTestData
{
    // Werkzeug 3.1 generate_password_hash("senha-antiga-do-flask") (scrypt, the default since Werkzeug 2.3).
    public const string ScryptPassword = "senha-antiga-do-flask";
    public const string ScryptHash = "scrypt:32768:8:1$p6e98Xn8Bh70Ld0I$2d3ee1de59f164120c11731cb24db003f5be86d4b07d457036d699fbb96acf06868a5224100f75f59f9bc9f0a7a987e6bfbeb17972d44936d464fd2aea8f0b65";
    public const string Pbkdf2Password = "senha pbkdf2 antiga";

    public const string LegacyKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    public const string PortalPassword = "Pref#2024!x";
    public const string EncryptedPortalPassword = "Sefaz Segredo ção 9";
    public const string OldAuditPassword = "Velha-Senha-77";

    public static readonly string[] Secrets = [ScryptPassword, Pbkdf2Password, PortalPassword, EncryptedPortalPassword, OldAuditPassword];

    /// <summary>A 1×1 PNG: the inline image of a task description and (with a tail) an uploaded image it links.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static readonly string ValidCnpj = "11222333000181";
    public static readonly string BranchCnpj = "112223330002" + Documents.CnpjCheckDigits("112223330002");
    public static readonly string OrphanBranchCnpj = "987654320002" + Documents.CnpjCheckDigits("987654320002");
    public const string InvalidCnpj = "12345678000100";
    public const string ValidCpf = "52998224725";

    /// <summary>Werkzeug's pbkdf2 format, written here from its definition: "pbkdf2:sha256:N$salt$hex(PBKDF2-HMAC-SHA256(password, salt))".</summary>
    public static string WerkzeugPbkdf2(string password, string salt = "Ab3dEf6hIj9kLm2n", int iterations = 600_000) =>
        $"pbkdf2:sha256:{iterations}${salt}$" + Convert.ToHexStringLower(
            Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, HashAlgorithmName.SHA256, 32));

    /// <summary>A Fernet token built here from the format of operations.md §9.2 (not with the portal's own class).</summary>
    public static string FernetToken(string key, string plaintext)
    {
        var keyBytes = Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/'));
        var iv = RandomNumberGenerator.GetBytes(16);
        using var aes = Aes.Create();
        aes.Key = keyBytes[16..];
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        var body = new List<byte> { 0x80 };
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 7; i >= 0; i--) body.Add((byte)(seconds >> (8 * i)));
        body.AddRange(iv);
        body.AddRange(cipher);
        var mac = HMACSHA256.HashData(keyBytes[..16], body.ToArray());
        return Convert.ToBase64String([.. body, .. mac]).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Naive São Paulo wall-clock text, like the original's datetime columns.</summary>
    public static string Local(DateTime utc) => SaoPaulo.FromUtc(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static async Task FillAsync(LegacySourceDatabase db, string uploads, bool oldSchema = false)
    {
        var now = DateTime.UtcNow;
        object User(int id, string username, string name, string? email, string password, string role = "user", bool master = false, bool active = true, string? google = null) =>
            oldSchema
                ? new { id, username, password, name, email, ativo = active, role, is_master = master, google_id = google }
                : new { id, username, password, name, email, ativo = active, role, is_master = master, google_id = google, preferences = (string?)"{\"inventario_table\": {\"cols\": [1,2]}}" };
        await db.InsertAsync("users", User(1, "maria.admin", "Maria Administradora", "Maria@Escritorio.com.br", ScryptHash, role: "admin"));
        await db.InsertAsync("users", User(2, "joao.fiscal", "João da Silva", "joao@escritorio.com.br", WerkzeugPbkdf2(Pbkdf2Password), google: "google-sub-joao"));
        await db.InsertAsync("users", User(3, "ana.contabil", "Ana Souza", null, WerkzeugPbkdf2("outra senha qualquer")));
        await db.InsertAsync("users", User(4, "carla", "Carla Sem Arroba", "carla-sem-arroba", WerkzeugPbkdf2("mais uma senha")));
        await db.InsertAsync("users", User(5, "pedro.diretor", "Pedro Diretor", "pedro@escritorio.com.br", "md5$abc$def", master: true));
        await db.InsertAsync("users", User(6, "ex.funcionario", "Ex Funcionário", "ex@escritorio.com.br", WerkzeugPbkdf2("ex"), active: false));

        foreach (var (id, nome) in new[] { (1, "Fiscal"), (2, "Contábil"), (3, "Reunião"), (4, "Gestão"), (5, "__personal__2"), (6, "Relatórios") })
            await db.InsertAsync("tags", new { id, nome });
        foreach (var (user_id, tag_id) in new[] { (2, 1), (3, 2), (4, 3), (2, 4), (1, 4), (6, 1) })
            await db.InsertAsync("user_tags", new { user_id, tag_id });
        await db.InsertAsync("report_permissions", new { id = 1, report_code = "empresas", tag_id = (int?)6, user_id = (int?)null });
        await db.InsertAsync("report_permissions", new { id = 2, report_code = "announcements_manage", tag_id = (int?)null, user_id = (int?)2 });
        await db.InsertAsync("report_permissions", new { id = 3, report_code = "procedures_manage", tag_id = (int?)4, user_id = (int?)null });

        await db.InsertAsync("setores", new { id = 1, nome = "Fiscal" });
        await db.InsertAsync("setores", new { id = 2, nome = "Jurídico" });

        var acessos = $"[{{\"acesso\":\"Prefeitura\",\"link\":\"https://iss.exemplo.gov.br\",\"usuario\":\"padaria\",\"senha\":\"{PortalPassword}\",\"observacao\":\"ISS\"}}]";
        var encrypted = $"[{{\"acesso\":\"SEFAZ\",\"usuario\":\"mercado\",\"senha\":\"{FernetToken(LegacyKey, EncryptedPortalPassword)}\"}}]";
        object Company(int id, string nome, string? cnpj, string codigo, string tipo, string? tributacao, string regime,
            string? sistemas = null, string? acessosJson = null, string? contatos = null, string? socio = null, bool ativo = true) =>
            oldSchema
                ? new { id, nome_empresa = nome, cnpj, data_abertura = "2015-03-10", tipo_empresa = tipo, socio_administrador = socio, tributacao,
                    regime_lancamento = regime, sistemas_consultorias = sistemas, sistema_utilizado = "Domínio", acessos = acessosJson, codigo_empresa = codigo, ativo }
                : new { id, nome_empresa = nome, cnpj, data_abertura = "2015-03-10", tipo_empresa = tipo, socio_administrador = socio, tributacao,
                    regime_lancamento = regime, sistemas_consultorias = sistemas, sistema_utilizado = "Domínio", acessos = acessosJson, codigo_empresa = codigo, contatos, ativo };
        await db.InsertAsync("tbl_empresas", Company(1, "Padaria Pão Quente Ltda", ValidCnpj, "100", "Matriz", "Simples Nacional", "[\"Caixa\"]",
            "[\"IOB\",\"QUESTOR_NET\",\"SISTEMA_X\"]", acessos, "[{\"nome\":\"Rosa\",\"email\":\"rosa@padaria.com.br\",\"telefone\":\"4833330000\"}]", "José Padeiro"));
        await db.InsertAsync("tbl_empresas", Company(2, "Padaria Pão Quente Ltda - Filial", BranchCnpj, "100", "Filial", "Simples Nacional", "[\"Caixa\"]"));
        await db.InsertAsync("tbl_empresas", Company(3, "Mercado Bom Preço", InvalidCnpj, "200", "Matriz", "Lucro Presumido", "[\"Compet", acessosJson: encrypted));
        await db.InsertAsync("tbl_empresas", Company(4, "Maria Artesanato MEI", ValidCpf, "300", "MEI", null, "[]"));
        await db.InsertAsync("tbl_empresas", Company(5, "Filial Sem Matriz", OrphanBranchCnpj, "400", "Filial", "Lucro Real", "[\"Competência\"]",
            contatos: "[{\"nome\":\"Pedro\",\"telefone\":\"48999990000\",\"email\":\"pedro@filial.com.br\"},{\"nome\":\"Trun"));
        await db.InsertAsync("tbl_empresas", Company(6, "Empresa Sem Documento", null, "500", "Matriz", "Simples Nacional", "[]", ativo: false));

        await db.InsertAsync("departamentos", new { id = 1, empresa_id = 1, tipo = "Departamento Fiscal", responsavel = "2", descricao = "Fiscal da padaria",
            formas_importacao = "[\"sieg\"]", observacao_movimento = "Movimento mensal", updated_at = "2025-05-01 10:00:00",
            contatos = "[{\"nome\":\"ROSA\"},{\"nome\":\"Carlos Contábil\",\"email\":\"carlos@padaria.com.br\"}]" });
        await db.InsertAsync("departamentos", new { id = 2, empresa_id = 1, tipo = "Departamento Pessoal", responsavel = "Ana Souza", descricao = "Versão antiga",
            updated_at = "2024-01-01 10:00:00" });
        await db.InsertAsync("departamentos", new { id = 3, empresa_id = 1, tipo = "Departamento Pessoal", responsavel = "99", descricao = "Versão nova",
            particularidades_texto = "Folha até o dia 5", updated_at = "2025-06-01 10:00:00", contatos = "[{\"nome\":\"Lu" });

        var recent = Local(now.AddDays(-3));
        await db.InsertAsync("tasks", new { id = 1, is_private = false, title = "Apurar ICMS outubro", description = "Conferir notas de entrada\ne saída",
            status = "PENDING", priority = "HIGH", due_date = "2025-10-20", created_at = "2025-10-01 09:00:00", updated_at = "2025-10-02 14:30:00",
            tag_id = 1, created_by = 2, assigned_to = 2 });
        await db.InsertAsync("tasks", new { id = 2, is_private = false, title = "Separar notas", description = (string?)null, status = "IN_PROGRESS", priority = "MEDIUM",
            created_at = "2025-10-01 10:00:00", updated_at = "2025-10-03 08:00:00", tag_id = 1, created_by = 2, parent_id = 1, assigned_to = 6 });
        await db.InsertAsync("tasks", new { id = 3, is_private = false, title = "Lembrete pessoal", description = "Ligar para o contador", status = "DONE", priority = "LOW",
            created_at = "2025-09-01 08:00:00", updated_at = "2025-09-02 08:00:00", completed_at = "2025-09-02 08:00:00", tag_id = 5, created_by = 2, completed_by = 2 });
        await db.InsertAsync("tasks", new { id = 4, is_private = false, title = "Balancete setembro", description = "<p>Fechar <b>balancete</b></p><script>alert(1)</script>"
                + "<p><a href=\"/static/uploads/docs/Manual%20Fiscal.pdf\">manual</a> <a href=\"http://portal-antigo.local/static/uploads/docs/sumiu.docx\">modelo</a></p>"
                + $"<p><img src=\"static/uploads/img/logo.png\"><img src=\"data:image/png;base64,{Convert.ToBase64String(TinyPng)}\"></p>",
            status = "DONE", priority = "MEDIUM", created_at = "2025-09-10 16:45:00", updated_at = "2025-09-20 11:00:00", completed_at = "2025-09-20 11:00:00",
            tag_id = 2, created_by = 3, parent_id = 99, completed_by = 3 });
        await db.InsertAsync("tasks", new { id = 5, is_private = false, title = "Tarefa de autor removido", description = "x", status = "PENDING", priority = "MEDIUM",
            created_at = recent, updated_at = recent, tag_id = 2, created_by = 77 });

        Directory.CreateDirectory(Path.Combine(uploads, "tasks"));
        await File.WriteAllBytesAsync(Path.Combine(uploads, "tasks", "guia.pdf"), Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
        Directory.CreateDirectory(Path.Combine(uploads, "docs"));
        await File.WriteAllBytesAsync(Path.Combine(uploads, "docs", "Manual Fiscal.pdf"), Encoding.ASCII.GetBytes("%PDF-1.4\n% manual\ntrailer<<>>\n%%EOF\n"));
        Directory.CreateDirectory(Path.Combine(uploads, "img"));
        await File.WriteAllBytesAsync(Path.Combine(uploads, "img", "logo.png"), [.. TinyPng, .. "logo"u8]);
        await db.InsertAsync("task_attachments", new { id = 1, task_id = 1, file_path = "static/uploads/tasks/guia.pdf", original_name = "Guia ICMS.pdf", mime_type = "application/pdf", created_at = "2025-10-01 09:05:00" });
        await db.InsertAsync("task_attachments", new { id = 2, task_id = 2, file_path = "static/uploads/tasks/sumiu.pdf", original_name = "Sumiu.pdf", mime_type = "application/pdf", created_at = "2025-10-01 09:06:00" });
        await db.InsertAsync("task_responses", new { id = 1, task_id = 1, author_id = 1, body = "<p>Prioridade máxima</p><p><a href=\"http://portal-antigo.local/static/uploads/docs/Manual%20Fiscal.pdf\">manual</a></p>", created_at = "2025-10-01 11:00:00" });
        await db.InsertAsync("task_responses", new { id = 2, task_id = 1, author_id = 2, body = "Ok, começando", created_at = "2025-10-01 11:30:00" });
        await db.InsertAsync("task_response_participants", new { id = 1, task_id = 1, user_id = 2, last_read_at = "2025-10-01 11:31:00" });
        await db.InsertAsync("task_followers", new { id = 1, task_id = 1, user_id = 1, created_at = "2025-10-01 09:10:00" });
        await db.InsertAsync("task_status_history", new { id = 1, task_id = 2, from_status = "PENDING", to_status = "IN_PROGRESS", changed_at = "2025-10-02 09:00:00", changed_by = 2 });
        await db.InsertAsync("task_history", new { id = 1, task_id = 1, changed_at = "2025-10-01 09:00:00", changed_by = 2, field_name = (string?)null, change_type = "created" });
        await db.InsertAsync("task_history", new { id = 2, task_id = 1, changed_at = "2025-10-02 14:30:00", changed_by = 2, field_name = "title", old_value = "Apurar ICMS", new_value = "Apurar ICMS outubro", change_type = "updated" });

        await db.InsertAsync("task_notifications", new { id = 1, user_id = 2, task_id = (int?)1, type = "task_response", message = "Maria respondeu em Apurar ICMS outubro", created_at = recent });
        await db.InsertAsync("task_notifications", new { id = 2, user_id = 2, task_id = (int?)1, type = "task", message = "Lida", created_at = recent, read_at = recent });
        await db.InsertAsync("task_notifications", new { id = 3, user_id = 1, task_id = (int?)1, type = "task", message = "Antiga", created_at = Local(now.AddDays(-90)) });

        await db.InsertAsync("audit_logs", new { id = 1, user_id = 1, username = "maria.admin", action_type = "update", resource_type = "empresa", resource_id = 1,
            action_description = "Empresa atualizada", old_values = $"{{\"acessos\": \"[{{\\\"acesso\\\": \\\"Prefeitura\\\", \\\"senha\\\": \\\"{OldAuditPassword}\\\"}}]\", \"nome_empresa\": \"Padaria\"}}",
            new_values = $"{{\"acessos\": [{{\"acesso\": \"Prefeitura\", \"senha\": \"{PortalPassword}\"}}], \"nome_empresa\": \"Padaria Pão Quente Ltda\", \"password\": \"{OldAuditPassword}\"}}",
            ip_address = "10.0.0.5", created_at = "2025-10-01 09:00:00" });
        await db.InsertAsync("audit_logs", new { id = 2, user_id = 2, username = "joao.fiscal", action_type = "login", resource_type = "user", resource_id = 2,
            action_description = "Login", old_values = (string?)null, new_values = $"{{\"acessos\": \"[{{\\\"acesso\\\": \\\"SEFAZ\\\", \\\"senha\\\": \\\"{PortalPassword}\"}}", created_at = "2025-10-02 08:00:00" });

        await db.InsertAsync("consultorias", new { id = 1, nome = "IOB", usuario = "escritorio", senha = FernetToken(LegacyKey, "senha da consultoria") });
        await db.InsertAsync("sessions", new { session_id = "abc", user_id = 1, session_data = "{\"token\": \"x\"}" });
        await db.InsertAsync("alembic_version", new { version_num = "ab12cd34ef56" });
    }
}
