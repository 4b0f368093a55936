using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Portal.Platform.Security;

/// <summary>
/// `portal keys rotate` (operations.md §4): a new Data Protection key, active now and the one new data is protected
/// with; older keys stay in the ring (in the database) and keep decrypting cookies, tokens and stored secrets.
/// </summary>
public static class KeysCli
{
    public static int Run(WebApplication app, string[] args)
    {
        if (args.Length < 2 || args[1] != "rotate")
        {
            Console.Error.WriteLine("Uso: portal keys rotate");
            return 2;
        }
        var manager = app.Services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        var before = manager.GetAllKeys().Count;
        var key = manager.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
        Console.WriteLine($"Nova chave de criptografia {key.KeyId} ativa a partir de agora (válida até {key.ExpirationDate:dd/MM/yyyy}).");
        Console.WriteLine($"As {before} chave(s) anteriores continuam no banco e seguem decifrando os dados já protegidos.");
        Console.WriteLine("Se houver várias instâncias, elas passam a usar a nova chave ao recarregar o chaveiro (até 24 horas) ou ao reiniciar.");
        return 0;
    }
}
