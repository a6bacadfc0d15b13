# What kramdown (Jekyll's Markdown converter) makes of each post given on the command line,
# as one JSON object: { "<path>": summary }. The differential test compares it with the
# engine's lesson tree. Options are Jekyll's defaults for kramdown (input GFM, hard_wrap false,
# auto_ids, math_engine mathjax); no syntax highlighter, so nothing outside kramdown is needed.
#
# Jekyll runs Liquid before kramdown; the few tags these posts use are applied here the way
# Jekyll would, with an empty baseurl: {% highlight %} becomes a fenced block (Jekyll writes a
# <figure><pre> for it), '…' | relative_url becomes the path, a comment block vanishes whole, a raw
# block leaves its content as written, other tags and outputs vanish.
require 'json'
require 'kramdown'
require 'kramdown-parser-gfm'

OPTIONS = {
  input: 'GFM', hard_wrap: false, auto_ids: true, math_engine: 'mathjax',
  syntax_highlighter: nil, show_warnings: false
}.freeze

BLOCKS = %i[root p li ul ol dl dt dd blockquote header table thead tbody tfoot tr td th].freeze
BOX = /\bbox-(note|warning|error|success|info|tip)\b/

def liquid(src)
  # Block pairs first: a comment goes whole; a raw block's content is kept literally.
  src = src.gsub(/\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}/m, '')
  raws = []
  src = src.gsub(/\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}/m) { raws << $1; "\u0000RAW#{raws.length - 1}\u0000" }
  src = src.gsub(/\{%-?\s*highlight\s+([\w+#.-]+)[^%]*%\}\n?(.*?)\{%-?\s*endhighlight\s*-?%\}/m) do
    "```#{$1}\n#{$2.chomp}\n```"
  end
  src = src.gsub(/\{\{-?\s*['"]([^'"]*)['"]\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}/) { $1 }
  src = src.gsub(/\{%-?.*?-?%\}/m, '').gsub(/\{\{.*?\}\}/m, '')
  src.gsub(/\u0000RAW(\d+)\u0000/) { raws[$1.to_i] }
end

def body_of(text)
  text = text.sub(/\A\uFEFF/, '').gsub(/\r\n?/, "\n")
  text = text.sub(/\A---\s*\n.*?\n---\s*\n/m, '')
  liquid(text)
end

# Plain text of an element, as a reader would see it (math as its TeX).
def text_of(el)
  case el.type
  when :text, :codespan, :raw then el.value.to_s
  when :math then " #{el.value} "
  when :footnote then " #{el.options[:name]} "
  when :codeblock then el.value.to_s
  when :entity then el.value.char.to_s
  when :smart_quote, :typographic_sym then ' '
  when :img then el.attr['alt'].to_s
  when :br then "\n"
  else
    sep = el.options[:category] == :block || BLOCKS.include?(el.type) ? ' ' : ''
    s = el.children.map { |c| text_of(c) }.join(sep)
    el.type == :html_element && el.value == 'img' ? el.attr['alt'].to_s : s
  end
end

def squash(s)
  s.gsub(/\s+/, ' ').strip
end

class Summary
  def initialize
    @s = { boxes: [], headings: [], code: [], math: [], tables: [], images: [], quotes: [] }
  end

  def to_h
    @s
  end

  def walk(el, in_list = false)
    cls = el.attr['class'].to_s
    if (box = BOX.match(cls))
      @s[:boxes] << { kind: box[1], element: el.type == :html_element ? el.value : el.type.to_s, text: squash(text_of(el)) }
    end
    case el.type
    when :header
      @s[:headings] << { level: el.options[:level], text: squash(text_of(el)) }
    when :codeblock
      lines = el.value.to_s.split("\n")
      @s[:code] << { lang: el.options[:lang].to_s, first: (lines.find { |l| !l.strip.empty? } || '').strip, lines: lines.length, inList: in_list }
    when :math
      @s[:math] << { tex: el.value.to_s.strip, display: el.options[:category] == :block }
    when :table
      table(el, el.children.flat_map { |part| part.children })
    when :img
      @s[:images] << { src: el.attr['src'].to_s, alt: el.attr['alt'].to_s }
    when :blockquote
      @s[:quotes] << { text: squash(text_of(el)) }
    when :html_element
      html(el)
    end
    el.children.each { |c| walk(c, in_list || el.type == :li) }
    footnote = el.type == :footnote && el.value
    walk(footnote, in_list) if footnote.is_a?(Kramdown::Element)
  end

  def html(el)
    case el.value
    when 'img' then @s[:images] << { src: el.attr['src'].to_s, alt: el.attr['alt'].to_s }
    when 'table' then table(el, html_rows(el))
    when 'blockquote' then @s[:quotes] << { text: squash(text_of(el)) }
    when 'pre' then @s[:code] << { lang: '', first: (text_of(el).split("\n").find { |l| !l.strip.empty? } || '').strip, lines: text_of(el).split("\n").length, inList: false }
    when /\Ah([1-6])\z/ then @s[:headings] << { level: $1.to_i, text: squash(text_of(el)) }
    end
  end

  def html_rows(el)
    el.children.flat_map do |c|
      next [] unless c.type == :html_element
      next [c] if c.value == 'tr'
      html_rows(c)
    end
  end

  # A table: its rows, the words of its first row, and per cell its images and its own text
  # (image descriptions left out), so the test can tell a layout table of figures from data.
  def table(_el, rows)
    cells = rows.map { |r| r.children.select { |c| c.type == :td || c.type == :th || (c.type == :html_element && %w[td th].include?(c.value)) } }
    @s[:tables] << {
      rows: rows.length,
      first: squash(cells.first.to_a.map { |c| text_of(c) }.join(' | ')),
      cells: cells.flatten.map { |c| { images: count_images(c), text: squash(text_without_images(c)) } },
      srcs: cells.flatten.flat_map { |c| image_srcs(c) }
    }
  end

  def image_srcs(el)
    own = el.type == :img || (el.type == :html_element && el.value == 'img') ? [el.attr['src'].to_s] : []
    own + el.children.flat_map { |c| image_srcs(c) }
  end

  def text_without_images(el)
    return '' if el.type == :img || (el.type == :html_element && el.value == 'img')
    return text_of(el) if el.children.empty?

    el.children.map { |c| text_without_images(c) }.join(' ')
  end

  def count_images(el)
    image_srcs(el).length
  end
end

out = {}
ARGV.each do |path|
  begin
    doc = Kramdown::Document.new(body_of(File.read(path, encoding: 'UTF-8')), OPTIONS)
    s = Summary.new
    s.walk(doc.root)
    out[path] = s.to_h
  rescue StandardError => e
    out[path] = { error: "#{e.class}: #{e.message}" }
  end
end
puts JSON.generate(out)
