namespace Portal.Platform.Setup;

/// <summary>A start-up check failed; the message is shown to the operator and the process exits non-zero.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
