using System.Collections.Generic;
using System.Text;

namespace IoUring.SourceGen.Text;

/// <summary>C upper-snake names to PascalCase: words split at '_', each capitalised, overrides first.</summary>
internal static class PascalCase
{
    /// <param name="cName">The whole C name, checked against whole-name overrides.</param>
    /// <param name="words">The part to convert (the C name without its prefix).</param>
    /// <param name="overrides">Whole C names and single words mapped to their spelling.</param>
    public static string Convert(string cName, string words, IReadOnlyDictionary<string, string> overrides)
    {
        if (overrides.TryGetValue(cName, out string? whole))
        {
            return whole;
        }

        var result = new StringBuilder();
        foreach (string word in words.Split('_'))
        {
            if (word.Length == 0)
            {
                continue;
            }

            if (overrides.TryGetValue(word, out string? spelled))
            {
                result.Append(spelled);
                continue;
            }

            result.Append(char.ToUpperInvariant(word[0]));
            result.Append(word.Substring(1).ToLowerInvariant());
        }

        return result.ToString();
    }

    /// <summary>True when <paramref name="name"/> is a usable C# identifier (letters, digits, '_', not starting with a digit).</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
