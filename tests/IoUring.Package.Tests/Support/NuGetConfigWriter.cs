using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace IoUring.Package.Tests.Support;

/// <summary>
/// The consumer's nuget.config: IoUring.Interop from the test's own feed folder only (package source mapping),
/// every other package (the SDK's ILCompiler and runtime packs) from the sources this machine already uses.
/// </summary>
public static class NuGetConfigWriter
{
    public static void Write(string path, string localFeed)
    {
        List<(string Key, string Value)> machineSources = MachineSources();
        var sources = new XElement("packageSources", new XElement("clear"), Add("local-feed", localFeed));
        var mapping = new XElement(
            "packageSourceMapping",
            new XElement("packageSource", new XAttribute("key", "local-feed"), new XElement("package", new XAttribute("pattern", "IoUring.Interop"))));
        foreach ((string key, string value) in machineSources)
        {
            sources.Add(Add(key, value));
            mapping.Add(new XElement("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", "*"))));
        }

        new XDocument(new XElement("configuration", sources, mapping)).Save(path);
    }

    /// <summary>The package sources of the user-level NuGet.Config (what a plain restore on this machine uses).</summary>
    private static List<(string Key, string Value)> MachineSources()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string userConfig = Path.Combine(home, ".nuget", "NuGet", "NuGet.Config");
        if (!File.Exists(userConfig))
        {
            return [];
        }

        XElement? sources = XDocument.Load(userConfig).Root?.Element("packageSources");
        return sources is null
            ? []
            : sources.Elements("add")
                .Select(e => ((string?)e.Attribute("key"), (string?)e.Attribute("value")))
                .Where(s => s.Item1 is not null && s.Item2 is not null && s.Item1 != "local-feed")
                .Select(s => (s.Item1!, s.Item2!))
                .ToList();
    }

    private static XElement Add(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));
}
