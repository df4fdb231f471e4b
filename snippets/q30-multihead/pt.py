import numpy as np
import torch
from torch import nn

torch.backends.cuda.matmul.fp32_precision = "ieee"  # Keep GPU matmuls in full float32.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same seeded inputs and projections in both files; each w_* maps (in, out) as x @
# w.
batch, length, context_length, embed, heads = 2, 4, 6, 8, 2
rng = np.random.default_rng(0)
x = rng.normal(size=(batch, length, embed)).astype("float32")
context = rng.normal(size=(batch, context_length, embed)).astype("float32")
w_q, w_k, w_v, w_o = (
    rng.normal(scale=0.3, size=(embed, embed)).astype("float32") for _ in "qkvo"
)
b_q, b_k, b_v, b_o = (
    rng.normal(scale=0.1, size=embed).astype("float32") for _ in "qkvo"
)

# Like the recurrent layers, it reads (length, batch, embed) unless batch_first=True.
assert nn.MultiheadAttention(embed, heads).batch_first is False  # proof: batch-first
# PyTorch packs the three input projections into one (3 * embed, embed) matrix,
# transposed.
attention = nn.MultiheadAttention(embed, heads, batch_first=True).to(device)
with torch.no_grad():
    attention.in_proj_weight.copy_(
        torch.from_numpy(np.concatenate([w_q, w_k, w_v], axis=1).T)
    )
    attention.in_proj_bias.copy_(torch.from_numpy(np.concatenate([b_q, b_k, b_v])))
    attention.out_proj.weight.copy_(torch.from_numpy(w_o.T))
    attention.out_proj.bias.copy_(torch.from_numpy(b_o))
print(f"weights: {[name for name, _ in attention.named_parameters()]}")
n_params = sum(p.numel() for p in attention.parameters())
shapes = [tuple(p.shape) for p in attention.parameters()]
print(f"parameters: {n_params}, shapes: {shapes}")
# proof: mha-params
assert shapes[0] == (3 * embed, embed) and n_params == 4 * embed * (embed + 1)

# Hide the last context position of the second sequence (padding, say).
# PyTorch's key_padding_mask marks the positions to IGNORE with True.
padding = torch.zeros(batch, context_length, dtype=torch.bool, device=device)
padding[1, -1] = True

# Called as (query, key, value); returns the output and the per-head weights.
query, keys = torch.from_numpy(x).to(device), torch.from_numpy(context).to(device)
with torch.no_grad():
    output, scores = attention(
        query, keys, keys, key_padding_mask=padding, average_attn_weights=False
    )
output, scores = output.cpu(), scores.cpu()
print(f"output: {tuple(output.shape)}, scores: {tuple(scores.shape)}")
assert scores.shape == (batch, heads, length, context_length)  # proof: per-head-scores
assert torch.all(scores[1, :, :, -1] == 0)  # proof: padding-mask

# A boolean attn_mask, (length, context_length), also marks with True the positions a
# query may NOT attend to: the opposite of F.scaled_dot_product_attention's.
blocked = torch.zeros(length, context_length, dtype=torch.bool, device=device)
blocked[:, 0] = True
with torch.no_grad():
    _, weights = attention(
        query, keys, keys, attn_mask=blocked, average_attn_weights=False
    )
weights = weights.cpu()
# proof: attn-mask-true-blocks
assert torch.all(weights[..., 0] == 0) and torch.all(weights[..., 1:] > 0)
# By default PyTorch returns the weights averaged over the heads.
with torch.no_grad():
    _, averaged = attention(query, keys, keys, key_padding_mask=padding)
assert averaged.shape == (batch, length, context_length)  # proof: averaged-weights
assert torch.allclose(averaged.cpu(), scores.mean(dim=1), atol=1e-5)
# need_weights=False returns no weights, which lets PyTorch use its fused attention
# function.
with torch.no_grad():
    fast_output, no_weights = attention(
        query, keys, keys, key_padding_mask=padding, need_weights=False
    )
# proof: need-weights-false
assert no_weights is None and torch.allclose(fast_output.cpu(), output, atol=1e-5)
