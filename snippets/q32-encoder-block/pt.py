import numpy as np
import torch
from torch import nn

torch.backends.cuda.matmul.fp32_precision = "ieee"  # Keep GPU matmuls in full float32.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same seeded input and kernels in both files; each w_* maps (in, out) as x @ w.
batch, length, d_model, heads, d_ff = 2, 5, 16, 4, 32
rng = np.random.default_rng(0)
x = rng.normal(size=(batch, length, d_model)).astype("float32")
w_q, w_k, w_v, w_o = (
    rng.normal(scale=0.3, size=(d_model, d_model)).astype("float32") for _ in "qkvo"
)
w_1 = rng.normal(scale=0.3, size=(d_model, d_ff)).astype("float32")
w_2 = rng.normal(scale=0.3, size=(d_ff, d_model)).astype("float32")

# The defaults: (length, batch, d_model) inputs, a 2048-wide feed-forward layer,
# dropout 0.1, ReLU, post-norm, epsilon 1e-5.
default = nn.TransformerEncoderLayer(d_model, heads)
print(
    f"defaults: batch_first={default.self_attn.batch_first}, "
    f"dim_feedforward={default.linear1.out_features}, dropout={default.dropout.p}, "
    f"norm_first={default.norm_first}, eps={default.norm1.eps}"
)
# proof: layout-and-width
assert not default.self_attn.batch_first and default.linear1.out_features == 2048
assert default.dropout.p == 0.1 and not default.norm_first  # proof: dropout-post-norm
# proof: eps
assert default.activation is nn.functional.relu and default.norm1.eps == 1e-5

# nn.Transformer, encoder and decoder together, holds attention, linear, normalization
# and dropout layers only: no embeddings, so tokens and positions become vectors
# outside it.
full = nn.Transformer(d_model, heads, 2, 1, d_ff, batch_first=True)
kinds = sorted({type(module).__name__ for module in full.modules()})
print(f"modules of nn.Transformer: {kinds}")
leaves = [module for module in full.modules() if not list(module.children())]
# proof: no-embedding
assert all(isinstance(m, (nn.Linear, nn.LayerNorm, nn.Dropout)) for m in leaves)

# A built-in post-norm block: x = norm(x + attention(x)), then x = norm(x +
# feed_forward(x)). batch_first=True reads (batch, length, d_model); dropout=0 makes
# it deterministic.
block = nn.TransformerEncoderLayer(d_model, heads, d_ff, dropout=0.0, batch_first=True)
block = block.to(device)
n_params = sum(p.numel() for p in block.parameters())
print(f"parameters: {n_params}")
# proof: block-params
assert n_params == 4 * d_model * (d_model + 1) + 2 * d_model * d_ff + d_ff + 5 * d_model

# Linear weights are stored (out, in): transpose. Attention biases start at zero in
# both frameworks, but PyTorch's Linear biases start random where Keras's Dense start
# at zero.
# proof: initial-biases
assert (
    block.self_attn.in_proj_bias.abs().sum() == 0 and block.linear1.bias.abs().sum() > 0
)
with torch.no_grad():
    block.self_attn.in_proj_weight.copy_(
        torch.from_numpy(np.concatenate([w_q, w_k, w_v], 1).T)
    )
    block.self_attn.out_proj.weight.copy_(torch.from_numpy(w_o.T))
    block.linear1.weight.copy_(torch.from_numpy(w_1.T))
    block.linear2.weight.copy_(torch.from_numpy(w_2.T))
    block.linear1.bias.zero_()
    block.linear2.bias.zero_()
    output = block(torch.from_numpy(x).to(device)).cpu()
print(f"output: {tuple(output.shape)}")
print(f"output[0, 0, :4]: {output[0, 0, :4].numpy()}")


# nn.TransformerEncoder deep-copies the block it is given: every layer of the stack
# starts from the block's weights, in tensors of its own. nn.Transformer draws its
# weight matrices again after copying (Xavier), so its layers start apart.
def compare_layers(layers):
    first, second = (list(layer.parameters()) for layer in layers)
    same = all(torch.equal(a, b) for a, b in zip(first, second, strict=True))
    shared = any(a is b for a, b in zip(first, second, strict=True))
    return same, shared


stack = nn.TransformerEncoder(block, num_layers=2)
same, shared = compare_layers(stack.layers)
print(f"stacked layers 0 and 1: same weights {same}, shared {shared}")
assert same and not shared  # proof: encoder-clones
same, shared = compare_layers(full.encoder.layers)
print(f"nn.Transformer encoder layers 0 and 1: same weights {same}, shared {shared}")
assert not same and not shared  # proof: transformer-redraws

# Attention alone ignores order: shuffling the input positions shuffles the output rows
# the same way. That is why Transformer models add position information to their inputs.
order = rng.permutation(length)
print(f"positions reordered as {order}")
with torch.no_grad():
    permuted = block(torch.from_numpy(x[:, order]).to(device)).cpu()
assert torch.allclose(permuted, output[:, order], atol=1e-5)  # proof: permutation
