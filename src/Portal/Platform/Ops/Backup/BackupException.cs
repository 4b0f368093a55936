namespace Portal.Platform.Ops.Backup;

/// <summary>A backup, verify or restore that cannot go on; the message is the pt-BR text the operator reads.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string NotWritable = "Pasta de backup sem permissão de escrita.";
    public const string DiskFull = "Espaço em disco insuficiente no destino do backup.";
    public const string DatabaseUnreachable = "Banco de dados inacessível durante o backup.";
    public const string AlreadyRunning = "Já existe um backup em execução.";
    public const string WrongPassword = "Senha do arquivo de backup incorreta.";

    /// <summary>Turns whatever broke a run into the pt-BR message of operations.md §8.1 step 1.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        BackupException f => f.Message,
        UnauthorizedAccessException => NotWritable,
        IOException io when IsDiskFull(io) => DiskFull,
        IOException io when io.HResult == 30 => NotWritable, // EROFS: read-only file system
        // MariaDB going away mid-read surfaces as the driver's socket I/O error, not as a MySqlException.
        IOException io when io.Source == "MySqlConnector" || io is EndOfStreamException || io.InnerException is System.Net.Sockets.SocketException => DatabaseUnreachable,
        System.Net.Sockets.SocketException => DatabaseUnreachable,
        // SQLITE_FULL while writing the online copy onto the backup volume: the destination, not the database.
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 } => DiskFull,
        System.Data.Common.DbException => DatabaseUnreachable,
        InvalidOperationException { InnerException: System.Data.Common.DbException } => DatabaseUnreachable,
        Microsoft.EntityFrameworkCore.DbUpdateException => DatabaseUnreachable,
        IOException io => $"Erro de leitura ou gravação durante o backup: {io.Message}",
        _ => $"Erro inesperado durante o backup ({ex.GetType().Name}). Veja o log de erros.",
    };

    private static bool IsDiskFull(IOException io) =>
        io.HResult is 28 /* ENOSPC */ or unchecked((int)0x80070070) or unchecked((int)0x80070027);
}
