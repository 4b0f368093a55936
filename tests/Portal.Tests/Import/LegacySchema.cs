namespace Portal.Tests.Import;

/// <summary>
/// The original portal's schema as deployed (shared/spec/legacy-schema.md), written in MySQL dialect (SQLAlchemy on
/// MariaDB) and translated for SQLite, where the original also ran. JsonStr columns are VARCHARs of their real size —
/// the test data overflows them like the original's TypeDecorator did.
/// </summary>
public static class LegacySchema
{
    public const string MySqlDdl = """
        CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(80) NOT NULL UNIQUE, password VARCHAR(255) NOT NULL,
          name VARCHAR(100) NOT NULL, email VARCHAR(120) UNIQUE, ativo BOOLEAN DEFAULT 1, role VARCHAR(20) DEFAULT 'user',
          is_master BOOLEAN DEFAULT 0, last_seen DATETIME NULL, google_id VARCHAR(255) NULL UNIQUE,
          google_refresh_token VARCHAR(255) NULL, preferences JSON NULL);
        CREATE INDEX idx_users_ativo ON users (ativo);
        CREATE TABLE tags (id INT AUTO_INCREMENT PRIMARY KEY, nome VARCHAR(100) NOT NULL UNIQUE);
        CREATE TABLE user_tags (user_id INT NOT NULL, tag_id INT NOT NULL, PRIMARY KEY (user_id, tag_id),
          FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE, FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE);
        CREATE INDEX idx_user_tags_lookup ON user_tags (user_id, tag_id);
        CREATE TABLE report_permissions (id INT AUTO_INCREMENT PRIMARY KEY, report_code VARCHAR(50) NOT NULL, tag_id INT NULL,
          user_id INT NULL, created_at DATETIME NULL, updated_at DATETIME NULL, UNIQUE (report_code, tag_id, user_id),
          CHECK (tag_id IS NOT NULL OR user_id IS NOT NULL));
        CREATE TABLE sessions (session_id VARCHAR(128) PRIMARY KEY, user_id INT NULL, session_data JSON NULL, ip_address VARCHAR(45),
          user_agent TEXT, last_activity DATETIME NULL);
        CREATE TABLE audit_logs (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NULL, username VARCHAR(80), action_type VARCHAR(50),
          resource_type VARCHAR(50), resource_id INT NULL, action_description VARCHAR(255), old_values JSON NULL, new_values JSON NULL,
          ip_address VARCHAR(45), user_agent TEXT, request_id VARCHAR(50), endpoint VARCHAR(255), created_at DATETIME NULL);
        CREATE TABLE tbl_empresas (id INT AUTO_INCREMENT PRIMARY KEY, nome_empresa VARCHAR(100) NOT NULL, cnpj VARCHAR(18) UNIQUE,
          atividade_principal VARCHAR(200), data_abertura DATE NOT NULL, tipo_empresa VARCHAR(20) DEFAULT 'Matriz',
          socio_administrador VARCHAR(100), tributacao VARCHAR(50), regime_lancamento VARCHAR(50) NOT NULL,
          sistemas_consultorias VARCHAR(255), sistema_utilizado VARCHAR(150), acessos VARCHAR(255), observacao_acessos VARCHAR(200),
          codigo_empresa VARCHAR(100) NOT NULL, contatos VARCHAR(255), ativo BOOLEAN DEFAULT 1);
        CREATE INDEX idx_empresas_codigo ON tbl_empresas (codigo_empresa, ativo);
        CREATE TABLE departamentos (id INT AUTO_INCREMENT PRIMARY KEY, empresa_id INT NOT NULL, tipo VARCHAR(50) NOT NULL,
          responsavel VARCHAR(100), descricao VARCHAR(200), formas_importacao VARCHAR(255), forma_movimento VARCHAR(20),
          envio_digital VARCHAR(200), envio_fisico VARCHAR(200), malote_coleta VARCHAR(20), observacao_movimento VARCHAR(200),
          observacao_importacao VARCHAR(200), observacao_contato VARCHAR(200), metodo_importacao VARCHAR(255),
          controle_relatorios VARCHAR(255), observacao_controle_relatorios VARCHAR(200), contatos VARCHAR(255), data_envio VARCHAR(100),
          registro_funcionarios VARCHAR(200), ponto_eletronico VARCHAR(200), pagamento_funcionario VARCHAR(200),
          particularidades_texto LONGTEXT, updated_at DATETIME NULL);
        CREATE INDEX idx_departamentos_empresa_tipo ON departamentos (empresa_id, tipo);
        CREATE TABLE setores (id INT AUTO_INCREMENT PRIMARY KEY, nome VARCHAR(100) NOT NULL);
        CREATE TABLE tasks (id INT AUTO_INCREMENT PRIMARY KEY, is_private BOOLEAN DEFAULT 0, has_children BOOLEAN DEFAULT 0,
          title VARCHAR(120) NOT NULL, description TEXT, status ENUM('PENDING','IN_PROGRESS','DONE') NOT NULL,
          priority ENUM('LOW','MEDIUM','HIGH') NOT NULL, due_date DATE NULL, created_at DATETIME NULL, updated_at DATETIME NULL,
          completed_at DATETIME NULL, tag_id INT NOT NULL, created_by INT NULL, parent_id INT NULL, assigned_to INT NULL, completed_by INT NULL);
        CREATE INDEX idx_tasks_tag_parent_status ON tasks (tag_id, parent_id, status);
        CREATE TABLE task_attachments (id INT AUTO_INCREMENT PRIMARY KEY, task_id INT NOT NULL, file_path VARCHAR(255) NOT NULL,
          original_name VARCHAR(255), mime_type VARCHAR(128), created_at DATETIME NULL);
        CREATE TABLE task_responses (id INT AUTO_INCREMENT PRIMARY KEY, task_id INT NOT NULL, author_id INT NOT NULL, body TEXT NOT NULL,
          created_at DATETIME NULL);
        CREATE TABLE task_response_participants (id INT AUTO_INCREMENT PRIMARY KEY, task_id INT NOT NULL, user_id INT NOT NULL,
          last_read_at DATETIME NULL, last_notified_at DATETIME NULL, UNIQUE (task_id, user_id));
        CREATE TABLE task_followers (id INT AUTO_INCREMENT PRIMARY KEY, task_id INT NOT NULL, user_id INT NOT NULL, created_at DATETIME NULL,
          UNIQUE (task_id, user_id));
        CREATE TABLE task_status_history (id INT AUTO_INCREMENT PRIMARY KEY, task_id INT NOT NULL, from_status VARCHAR(20) NULL,
          to_status ENUM('PENDING','IN_PROGRESS','DONE') NOT NULL, changed_at DATETIME NULL, changed_by INT NULL);
        CREATE TABLE task_history (id INT AUTO_INCREMENT PRIMARY KEY, task_id INT NOT NULL, changed_at DATETIME NULL, changed_by INT NULL,
          field_name VARCHAR(50), old_value TEXT, new_value TEXT, change_type VARCHAR(20));
        CREATE TABLE task_notifications (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, task_id INT NULL, announcement_id INT NULL,
          type VARCHAR(20), message VARCHAR(255), created_at DATETIME NULL, read_at DATETIME NULL);
        CREATE INDEX idx_task_notifications_user ON task_notifications (user_id, read_at);
        CREATE TABLE consultorias (id INT AUTO_INCREMENT PRIMARY KEY, nome VARCHAR(100), usuario VARCHAR(100), senha VARCHAR(500));
        CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY);
        CREATE TABLE dashboards_backup (id INT AUTO_INCREMENT PRIMARY KEY, nome VARCHAR(50));
        """;

    /// <summary>Old databases lack the columns the original patched in at run time: this one has no users.preferences
    /// and no tbl_empresas.contatos.</summary>
    public static string Ddl(bool mySql, bool oldSchema)
    {
        var ddl = MySqlDdl;
        if (oldSchema)
        {
            ddl = ddl.Replace(", preferences JSON NULL)", ")", StringComparison.Ordinal)
                .Replace(", contatos VARCHAR(255), ativo BOOLEAN DEFAULT 1);", ", ativo BOOLEAN DEFAULT 1);", StringComparison.Ordinal);
        }
        if (mySql) return ddl;
        return System.Text.RegularExpressions.Regex.Replace(ddl
            .Replace("INT AUTO_INCREMENT PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal),
            @"ENUM\([^)]*\)", "VARCHAR(20)");
    }
}
